"""``dragoman serve``: the web UI over a store."""

from __future__ import annotations

import click


@click.command("serve")
@click.option("--db", "db", required=True, type=click.Path(dir_okay=False),
              help="The store to browse (opened read-only).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to listen on; use 0.0.0.0 to let other machines in.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
def serve_cmd(db: str, host: str, port: int) -> None:
    """Browse a store in the browser: articles with their evidence highlighted,
    actors, dyads, events over time, the network of actors.

    \b
    Example:
      dragoman ingest examples/articles --db news.db
      dragoman serve --db news.db    # then open http://127.0.0.1:8000/
    """
    import uvicorn

    from dragoman.web.app import create_app

    app = create_app(db)
    click.echo(f"Serving {db} at http://{host}:{port}/ (Ctrl+C to stop)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


def register(main: click.Group) -> None:
    main.add_command(serve_cmd)
