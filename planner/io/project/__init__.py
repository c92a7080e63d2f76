"""The project file (one GeoPackage): save and load, schema and migrations, autosave and recovery, QGIS styles."""
