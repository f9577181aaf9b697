"""
URL configuration for mysite project.

The `urlpatterns` list routes URLs to views. For more information please see:
    https://docs.djangoproject.com/en/6.1/topics/http/urls/
"""
from django.contrib import admin
from django.urls import path

from hello import views

urlpatterns = [
    path("", views.index, name="index"),
    path("page/", views.page, name="page"),
    path("boom/", views.boom, name="boom"),
    path("forgetful/", views.forgetful, name="forgetful"),
    path("admin/", admin.site.urls),
]

handler404 = "hello.views.not_found"
handler500 = "hello.views.server_error"
