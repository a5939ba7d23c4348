"""The site's search backend: Wagtail's database backend, with relevance ranking on SQLite
done by one full-text query.

Wagtail's SQLite backend orders results by a correlated subquery that runs the FTS5 MATCH
again for every matching row, so a query matching a few hundred catalogue entries takes
most of a second (0.7 s for "domov seniory" over 6,733 services). Here the index is asked
once for the matching ids with their bm25 scores, best first, and the objects are loaded
by primary key. PostgreSQL keeps Wagtail's own implementation, but autocompletes with the
site's ``czech_unaccent`` configuration (unaccent + simple, no stemming) instead of plain
``simple``, so that "pecovatelska" completes "Pečovatelská" as it does on SQLite.

On both, the last word of a search is a prefix (``senio`` finds "senioři" in any indexed
text, ``dluh`` finds "dluhy"): people stop typing before the end of a word, and search must
treat a partial word the same way on every page and database.
"""

from modelsearch.backends import database


def SearchBackend(params):  # noqa: N802 - Wagtail's naming for a backend factory
    backend = database.SearchBackend(params)
    backend.query_compiler_class = type(
        "Prefix" + backend.query_compiler_class.__name__,
        (backend.query_compiler_class,),
        {"LAST_TERM_IS_PREFIX": True},
    )
    if backend.__class__.__name__ == "SQLiteSearchBackend":
        backend.results_class = _ranked_sqlite_results_class()
    elif backend.__class__.__name__ == "PostgresSearchBackend" and backend.config:
        backend.autocomplete_config = backend.config
    return backend


def _ranked_sqlite_results_class():
    from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
    from modelsearch.backends.database.sqlite.sqlite import (
        SQLiteFTSIndexEntry,
        SQLiteSearchResults,
    )
    from modelsearch.query import MatchAll, Not
    from modelsearch.utils import get_descendants_content_types_pks

    class RankedSQLiteSearchResults(SQLiteSearchResults):
        def _do_search(self):
            compiler = self.query_compiler
            query = normalize(compiler.query)
            if (
                not compiler.order_by_relevance
                or self._score_field is not None
                or isinstance(query, (MatchAll, Not))
            ):
                return super()._do_search()
            config = compiler.get_config(self.backend)
            model = compiler.queryset.model
            score = compiler._build_rank_expression(compiler.get_search_vectors(), config)
            matches = (
                SQLiteFTSIndexEntry.objects.filter(
                    MatchExpression(
                        compiler.fields or compiler.FTS_TABLE_FIELDS,
                        compiler.build_search_query(query, config=config),
                    ),
                    index_entry__content_type__in=get_descendants_content_types_pks(model),
                )
                .annotate(score=score)
                .order_by("score", "-index_entry_id")
                .values_list("index_entry__object_id", flat=True)
            )
            to_pk = model._meta.pk.to_python
            ranked = [to_pk(object_id) for object_id in dict.fromkeys(matches)]
            if self.stop is not None and len(ranked) <= self.stop:
                # Few matches (a site search, the first page of results): load them at
                # once, the queryset's own filters apply in the same query.
                objects = compiler.queryset.in_bulk(ranked)
                return [objects[pk] for pk in ranked if pk in objects][self.start : self.stop]
            allowed = set(compiler.queryset.filter(pk__in=ranked).values_list("pk", flat=True))
            page = [pk for pk in ranked if pk in allowed][self.start : self.stop]
            objects = compiler.queryset.in_bulk(page)
            return [objects[pk] for pk in page if pk in objects]

    return RankedSQLiteSearchResults
