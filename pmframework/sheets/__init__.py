"""Spreadsheets: reading grids (CSV, XLSX), importing a ladder from one, exporting one."""
