"""Reading layers as planners have them (GeoPackage, Shapefile, GeoJSON, CSV points): format, CRS and field detection, reprojection, the sample and the premise generator."""
