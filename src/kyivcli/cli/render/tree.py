"""Rich tree of the section outline."""

from __future__ import annotations

from typing import Any, TextIO

from kyivcli.cli.render.console import console


def render(title: str, nodes: list[dict[str, Any]], out: TextIO) -> None:
    from rich.markup import escape
    from rich.tree import Tree

    root = Tree(f"[bold]{escape(title)}[/bold]")

    def add(parent: Any, node: dict[str, Any]) -> None:
        extra = f"{node['words']} words"
        if node.get("images"):
            extra += f", {node['images']} image{'s' if node['images'] != 1 else ''}"
        label = f"[cyan]{node['number']}[/cyan] {escape(node['title'])} [dim]({extra}, line {node['line']})[/dim]"
        branch = parent.add(label)
        for child in node.get("children", []):
            add(branch, child)

    for node in nodes:
        add(root, node)
    console(out).print(root)
