declare module "virtual:plover" {
  const types: Record<string, { quadClass: number; score: number; description: string }>;
  export default types;
}
