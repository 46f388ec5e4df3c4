"""Stores behind one small interface (see ``graph.store.base``)."""
