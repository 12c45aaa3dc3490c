"""The project's modules import each other without a cycle (docs/architecture.md).

A cycle is what a lazy import inside a function hides: grimp reads every
import, at module level or not, so each one shows here with its path.
Migrations are left out: Django loads them on its own, never by import."""

import grimp
import pytest

PACKAGES = ("portal", "guidance", "approvals")


def project_graph() -> grimp.ImportGraph:
    graph = grimp.build_graph(*PACKAGES, cache_dir=None)
    for module in set(graph.modules):
        if ".migrations" in module:
            graph.remove_module(module)
    return graph


def import_cycles(graph: grimp.ImportGraph) -> list[str]:
    """Each cycle once, as the path of imports from its first module back to it."""
    cycles = {}
    for module in sorted(graph.modules):
        for imported in graph.find_modules_directly_imported_by(module):
            back = graph.find_shortest_chain(importer=imported, imported=module)
            if back:
                cycles.setdefault(frozenset(back), " -> ".join((module, *back)))
    return sorted(cycles.values())


@pytest.mark.unit
def test_no_import_cycle_among_the_projects_modules():
    cycles = import_cycles(project_graph())
    assert not cycles, "Import cycles:\n" + "\n".join(cycles)


@pytest.mark.unit
def test_a_cycle_is_found_and_named():
    graph = grimp.ImportGraph()
    for importer, imported in [("a", "b"), ("b", "c"), ("c", "a")]:
        graph.add_import(importer=importer, imported=imported)
    assert import_cycles(graph) == ["a -> b -> c -> a"]
