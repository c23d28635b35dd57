/** Where the coach's system prompt template comes from (a repo file, or Azure Blob Storage). */
export interface PromptTemplateSource {
  load(): Promise<string>;
}
