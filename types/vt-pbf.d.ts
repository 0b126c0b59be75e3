declare module 'vt-pbf' {
  interface GeojsonVtTile {
    features: Array<{ id?: number; type: 1 | 2 | 3; geometry: unknown; tags: Record<string, unknown> }>;
  }
  const vtpbf: {
    (tile: unknown): Uint8Array;
    fromGeojsonVt(layers: Record<string, GeojsonVtTile>, options?: { version?: number; extent?: number }): Uint8Array;
    fromVectorTileJs(tile: unknown): Uint8Array;
  };
  export default vtpbf;
}
