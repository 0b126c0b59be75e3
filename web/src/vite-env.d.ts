/// <reference types="vite/client" />

// exifr's small browser build (JPEG/HEIC, EXIF and GPS): the same API as the package's main entry.
declare module 'exifr/dist/lite.esm.mjs' {
  export function gps(data: Blob | ArrayBuffer): Promise<{ latitude: number; longitude: number } | undefined>;
}
