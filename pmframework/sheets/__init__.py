"""Spreadsheets: reading grids (CSV, XLSX), importing a ladder from one, exporting one.

The sheet layouts ``pmframework import`` reads and the formats ``pmframework export`` writes are
declared here once; the command line and the README take their names from these registries.
"""

from __future__ import annotations

from pmframework.registry import Registry

# "auto" tells the layouts apart by the sheet's header; the others name one layout.
LAYOUTS = Registry(
    "sheet layout",
    {
        "auto": "",
        "rows": "pmframework.sheets.layouts:read_rows_layout",
        "columns": "pmframework.sheets.columns_layout:read_columns_layout",
    },
)

EXPORT_FORMATS = Registry(
    "export format",
    {
        # export_ladder writes each: one CSV file per track, or one workbook.
        "csv": "",
        "xlsx": "",
    },
)
