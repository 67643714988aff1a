/** Waits for the fonts (Ge'ez included) before the print dialog takes its snapshot. */
export async function printPage() {
  await document.fonts.ready
  window.print()
}
