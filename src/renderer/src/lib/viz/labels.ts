/** Class names and shares as the views print them. */

/** "12.3 %", one decimal, with the space the app uses before the sign. */
export function percent(share: number): string {
  return `${(share * 100).toFixed(1)} %`;
}

/** The class's name, or its index when the dataset has no names. */
export function classLabel(names: readonly string[] | undefined, k: number): string {
  const name = names?.[k];
  return name !== undefined && name !== '' ? name : String(k);
}
