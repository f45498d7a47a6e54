"""The importers, one stage a module, each importing only the stages before it.

problems → reading → cells → checks → writing, then OpenCoesione on top (opencoesione,
copy_pipe, copy_load, chunked) and one entry point, dispatch (`import_file`, `import_path`,
`read_table`). tests/unit/test_import_cycles.py holds the order.
"""
