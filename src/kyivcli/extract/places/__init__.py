"""Places: a GeoNames gazetteer in SQLite (gazetteer) and a geoparser over the text (geoparse)."""
