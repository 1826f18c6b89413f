"""``scriba serve``: the HTTP front end (FastAPI + uvicorn) on the same engine and cache."""
