"""Fingerprint of a database's contents, to prove a backup restores exactly (row counts and an
MD5 of every row's text, per table). Used by the backup round-trip test."""

import psycopg2
from psycopg2 import sql


def fingerprint(database_url):
    """{table: (row count, md5 of all rows in a stable order)} for every table in `public`."""
    with psycopg2.connect(database_url) as connection, connection.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
        tables = [name for (name,) in cursor.fetchall()]
        result = {}
        for table in tables:
            cursor.execute(
                sql.SQL(
                    "SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM {} t"
                ).format(sql.Identifier(table))
            )
            result[table] = cursor.fetchone()
    connection.close()
    return result
