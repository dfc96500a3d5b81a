/**
 * A time budget for work done a slice at a time (`Corpus.preparePostings`, `EntityIndex.prepare`,
 * `Indexer.saveSnapshot`): called once per unit of work, it says when the slice is over. The clock
 * is read every `every` units, never at the first, so that every slice makes some progress however
 * small the budget.
 */
export function sliceBudget(budgetMs: number, every: number): () => boolean {
	const started = performance.now();
	let done = 0;
	return () => ++done % every === 0 && performance.now() - started > budgetMs;
}
