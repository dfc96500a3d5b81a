/**
 * The words that say what a claim is about: lower-cased, stemmed (Porter, via `stemmer`), stop words
 * dropped (`stopword`'s English list), and a small set of near-synonyms of financial and business
 * reporting folded together, so that "stock gained" meets "shares have risen".
 */
import { stemmer } from 'stemmer';
// the bundles take stopword's ES module, which esbuild trims to this one list (see esbuild.mjs)
import { eng } from 'stopword';

/** A content word of a text with its place. */
export interface Term {
	/** The folded form used for matching. */
	term: string;
	start: number;
	end: number;
}

// Words that carry no claim in this domain beyond the stop-word list: hedges, scale words and
// units belong to the figure, and reporting verbs say who spoke, not what happened.
const EXTRA_STOP = [
	'about', 'roughly', 'around', 'approximately', 'nearly', 'almost', 'some', 'more', 'less', 'than', 'over', 'under',
	'least', 'most', 'up', 'to', 'top', 'estimated', 'said', 'says', 'say', 'according', 'reported', 'noted', 'also',
	'thousand', 'thousands', 'million', 'millions', 'billion', 'billions', 'trillion', 'trillions', 'percent', 'per', 'cent',
	'dollar', 'dollars', 'usd', 'us$', 'bn', 'mn', 'tn', 'k', 'm', 'b', 't', 'would', 'will', 'could', 'should', 'may', 'might',
	'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'twenty', 'thirty', 'forty', 'fifty',
	'hundred', 'hundreds', 'dozen', 'wants', 'want', 'plans', 'plan', 'expects', 'expected', 'is', 'was', 'were', 'be',
	'been', 'being', 'its', 'their', 'his', 'her', 'this', 'that', 'these', 'those', 'which', 'who', 'what', 'whom',
];
const STOP = new Set([...eng, ...EXTRA_STOP]);

// Groups of words that report the same thing. Each group folds to its first member's stem.
const SYNONYMS: string[][] = [
	['share', 'stock', 'equity', 'stockprice'],
	['rise', 'gain', 'climb', 'increase', 'grow', 'growth', 'jump', 'surge', 'rose', 'risen', 'soar', 'up', 'advance', 'boost'],
	['fall', 'drop', 'decline', 'decrease', 'slide', 'fell', 'fallen', 'sink', 'slump', 'plunge', 'shrink', 'down'],
	['profit', 'earning', 'earnings', 'income'],
	['revenue', 'sale', 'sales', 'turnover'],
	['invest', 'investment', 'spend', 'spending', 'commit', 'commitment', 'pledge', 'fund', 'funding'],
	['deal', 'agreement', 'contract', 'pact', 'accord'],
	['consume', 'consumption', 'use', 'usage'],
	['compute', 'computing', 'computation'],
	['home', 'household', 'house'],
	['employee', 'worker', 'staff', 'job', 'employ'],
	['cost', 'price', 'worth', 'value', 'valuation'],
	['quarter', 'period'],
	['chip', 'semiconductor', 'processor', 'accelerator'],
	['plant', 'factory', 'facility', 'site'],
	['people', 'person', 'citizen', 'resident'],
	['tax', 'taxes', 'taxation'],
	['debt', 'deficit', 'borrowing'],
	['unemployment', 'jobless'],
	['build', 'construct', 'develop', 'manufacture', 'make', 'produce', 'production'],
];

const stemCache = new Map<string, string>();
const synonymOf = new Map<string, string>();
for (const group of SYNONYMS) {
	const head = stemmer(group[0]!);
	for (const w of group) synonymOf.set(stemmer(w), head);
}

/** The folded form of one lower-case word: its stem, or its synonym group's. */
export function fold(word: string): string {
	let t = stemCache.get(word);
	if (t === undefined) {
		const s = stemmer(word);
		t = synonymOf.get(s) ?? s;
		if (stemCache.size > 200_000) stemCache.clear();
		stemCache.set(word, t);
	}
	return t;
}

/** Whether a lower-case word carries no claim. */
export function isStopWord(word: string): boolean {
	return STOP.has(word);
}

const WORD = /[\p{L}][\p{L}\p{M}'’-]*/gu;

/**
 * The content words of `text` within [start, end), skipping the ranges in `skip` (sorted, e.g.
 * figures and entity mentions, which are matched on their own terms).
 */
export function terms(text: string, start = 0, end = text.length, skip: ReadonlyArray<{ start: number; end: number }> = []): Term[] {
	const out: Term[] = [];
	WORD.lastIndex = start;
	let k = 0;
	for (let m = WORD.exec(text); m && m.index < end; m = WORD.exec(text)) {
		const s = m.index;
		const e = s + m[0].length;
		while (k < skip.length && skip[k]!.end <= s) k++;
		if (k < skip.length && skip[k]!.start < e) continue;
		// most words recur: what a written word folds to is looked up once (profiling showed the
		// lower-casing, trimming and stemming of every word of every source sentence to dominate)
		let term = wordTerms.get(m[0]);
		if (term === undefined) {
			term = contentTerm(m[0]);
			if (wordTerms.size > 200_000) wordTerms.clear();
			wordTerms.set(m[0], term);
		}
		if (term) out.push({ term, start: s, end: e });
	}
	return out;
}

/** A written word → its folded form, or '' when it carries no claim. */
const wordTerms = new Map<string, string>();

/** A written word's folded form, or '' when it carries no claim. */
export function contentTerm(word: string): string {
	let w = word.toLowerCase().replace(/[’']s$/, '').replace(/[’'-]+$/, '');
	if (w.length < 2 || STOP.has(w)) return '';
	// hyphenated compounds: match on the whole and not the parts (Taiwan-listed ≈ listed)
	const dash = w.lastIndexOf('-');
	if (dash > 0 && dash < w.length - 1) w = w.slice(dash + 1);
	if (STOP.has(w)) return '';
	return fold(w);
}
