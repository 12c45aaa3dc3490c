"""axe-core in the page under test, limited to the WCAG 2.2 A and AA rules."""

from pathlib import Path

AXE_SOURCE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def axe_violations(page) -> list[dict]:
    # Evaluated from the test rather than added as a script tag: the pages'
    # content security policy refuses inline scripts, as it should.
    page.evaluate(AXE_SOURCE.read_text() + "\n;true")
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_22_AA
    )
    return results["violations"]


def describe(violations) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        lines.extend(
            f"    {node['target']}: {node['failureSummary']}" for node in violation["nodes"]
        )
    return "\n".join(lines)


def assert_accessible(page):
    """Fail with every WCAG 2.2 AA violation axe finds on the current page."""
    violations = axe_violations(page)
    assert not violations, f"axe found violations on {page.url}:\n{describe(violations)}"
