/** The HTML5 drag type the palette puts layer kinds under, so the canvas ignores unrelated drops (files, text). */
export const LAYER_MIME = 'application/x-netwright-layer';

/**
 * The arrowhead every connection ends in, defined once by the canvas. A plain
 * string marker spares Svelte Flow from deriving a marker id per edge on each update.
 */
export const ARROW_ID = 'nw-arrow';
