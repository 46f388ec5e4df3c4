"""migrasi-kg: knowledge graphs of Indonesian news on international labour migration.

Stages (data flows one way): ``corpus`` -> ``extract`` -> ``rdf`` -> ``store`` ->
``query`` / ``network`` / ``view`` -> ``cli``. ``graph.api.KnowledgeGraph`` is the
facade that notebooks and the CLI share.
"""

__version__ = "0.1.0"
