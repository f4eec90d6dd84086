// A second module of the probe, so the test sees each bundled module keep its own import.meta.url.
export const loaded = import.meta.url;
