"""The browser UI over a store: ``dragoman serve --db FILE``.

``dragoman.web.app.create_app(db)`` builds the FastAPI app; ``queries`` and ``detail`` hold
its read-only SQL, ``highlight`` turns record offsets into escaped HTML, ``sample`` makes
synthetic records for demos, tests and benchmarks.
"""
