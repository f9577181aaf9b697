"""snippets/request_template_response.py: a TemplateResponse is rendered after the
template response middleware, before the response goes back out."""

from scripts.includes import ROOT
from scripts.snippet_runs import run_snippet


def test_template_response_is_rendered_late():
    run = run_snippet("snippets/request_template_response.py", ROOT)  # the same run as the shown-output check
    assert run.returncode == 0, run.stderr
    out = run.stdout
    page = out.split("-- GET /page/\n")[1].split("-- GET /\n")[0]
    assert page.index("[hello] view hello.views.page()") < page.index("Inner.process_template_response: is_rendered False")
    assert page.index("Outer.process_template_response") < page.index("rendered: b'Bonjour from a template.\\n'")
    assert page.index("rendered:") < page.index("Inner on the way out: is_rendered True")
    assert "client: 200 b'Bonjour from a template.\\n'" in page
    assert "process_template_response" not in out.split("-- GET /\n")[1]
