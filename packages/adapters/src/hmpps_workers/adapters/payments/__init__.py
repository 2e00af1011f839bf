"""Payment file formats that need a library: the ADI journal workbook."""
