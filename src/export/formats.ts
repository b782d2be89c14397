// The export formats' names, apart from the exporters themselves, so that
// `extract` can parse --format without loading them (they load the codebook,
// YAML and zip libraries, which a run that exports nothing never needs).
export const EXPORT_FORMATS = ["qdpx", "gexf", "graphml", "datapackage"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
