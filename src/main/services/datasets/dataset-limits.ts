/**
 * How much a dataset file may make Netwright hold in memory. Each limit is
 * checked on what the file declares (an image's header, an IDX header) or
 * counts as it is read (a CSV's cells), before the memory is spent, so that a
 * small crafted file cannot make the host or the trainer allocate gigabytes
 * before it is refused: a 74-byte PNG can declare 30,000 × 30,000 pixels, and
 * 4 MB of gzip can inflate to 4 GB.
 * Exported programs carry this file as it is (codegen/data/module-files.ts),
 * so they refuse the same files with the same messages.
 */

/**
 * Pixels in one PNG or JPEG picture (width × height), for both formats.
 * Decoding takes 4 bytes a pixel and turning a picture into the network's
 * input 4 more per channel before it is shrunk, so the largest picture allowed
 * costs about a gigabyte for a moment; 50 megapixels (8,660 × 5,773) is above
 * every phone and most camera photos, and far above training sizes.
 */
export const MAX_IMAGE_PIXELS = 50_000_000;

/**
 * Values in the arrays a dataset becomes: what an IDX header declares, CSV
 * inputs after one-hot encoding, image-folder pictures at the project's size.
 * The loaders hand them on as 32-bit floats, so this is 1 GiB per copy, over
 * five times MNIST's 47 million training values.
 */
export const MAX_DATASET_VALUES = 2 ** 28;

/**
 * Cells in a CSV table (rows × columns, header included), counted while it is
 * read. Loading keeps 8 bytes for each used cell (a number or a category
 * code), then 4 for each input value, so the largest table allowed stays under
 * a gigabyte; a 200 MB file of numbers holds 20 to 40 million cells.
 */
export const MAX_CSV_CELLS = 50_000_000;
