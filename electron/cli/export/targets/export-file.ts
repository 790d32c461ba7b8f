/** A file an export writes: its name in the output folder and its text. */
export interface ExportFile {
  name: string;
  text: string;
}
