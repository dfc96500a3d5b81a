/**
 * The words entity recognition leans on: compromise's lexicon (looked up per distinct word, cached)
 * and a few closed lists of English vocabulary (titles, corporate suffixes, head nouns). None of
 * these lists names a particular organization, person or place.
 *
 * The lexicon comes from lexicon.generated.ts (written by `node scripts/lexicon.mjs`), not from
 * compromise at run time: building compromise's lexicon took ~130 ms of every start-up, for the
 * few facts per word kept there.
 */
import { LEXICON, LEXICON_FLAGS as F, ORG_WORDS, PLACE_WORDS } from './lexicon.generated';

/** What the lexicon says about one word or phrase, reduced to what entity recognition needs. */
export interface WordInfo {
	/** Function words and other never-a-name words: The, While, Under, However, It, May. */
	closed: boolean;
	/** Dates: months, week days ("November", "Friday"). */
	date: boolean;
	/** An ordinary word (noun, verb, adjective...) that the lexicon knows no proper use of. */
	common: boolean;
	/** A demonym ("American", "Taiwanese"). */
	demonym: boolean;
	place: boolean;
	org: boolean;
	/** A first name (any gender), or a word tagged Person. */
	firstName: boolean;
	lastName: boolean;
}

/** Capitalized words the lexicon misses or tags as names although they start sentences far more often. */
const EXTRA_CLOSED = new Set([
	'i', 'im', 'also', 'however', 'meanwhile', 'still', 'yet', 'thus', 'hence', 'here', 'there', 'then',
	'today', 'tonight', 'yesterday', 'tomorrow', 'now', 'according', 'despite', 'unlike', 'like', 'per',
	'instead', 'overall', 'separately', 'additionally', 'furthermore', 'please', 'yes', 'no', 'not',
	'mr', 'mrs', 'ms', 'dr', 'march', 'may', 'june', 'august', 'will', 'jan', 'feb', 'mar', 'apr', 'jun',
	'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun',
]);

const infoCache = new Map<string, WordInfo>();
const MONTH_ABBREVIATIONS = new Set(['jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec']);

interface Tables {
	lexicon: Map<string, number>;
	orgWords: Set<string>;
	placeWords: Set<string>;
}
let tablesRead: Tables | undefined;

/** The generated tables, read into a map and sets on first use. */
function tables(): Tables {
	if (tablesRead) return tablesRead;
	const lexicon = new Map<string, number>();
	for (const line of LEXICON.split('\n')) {
		if (!line) continue;
		const tab = line.indexOf('\t');
		if (tab < 0) lexicon.set(line, 0);
		else lexicon.set(line.slice(0, tab), parseInt(line.slice(tab + 1), 16));
	}
	const lines = (text: string) => new Set(text.split('\n').filter(Boolean));
	tablesRead = { lexicon, orgWords: lines(ORG_WORDS), placeWords: lines(PLACE_WORDS) };
	return tablesRead;
}

/**
 * The lexicon's flags for a lower-cased word or phrase (bits of LEXICON_FLAGS: which groups of
 * compromise tags it has), or undefined when the lexicon does not know it.
 */
function lexiconFlags(lower: string): number | undefined {
	return tables().lexicon.get(lower);
}

/** Lexicon facts about a lower-cased word or phrase; cached per distinct string. */
export function wordInfo(lower: string): WordInfo {
	let info = infoCache.get(lower);
	if (!info) {
		info = wordInfoOf(lower, lexiconFlags(lower));
		infoCache.set(lower, info);
	}
	return info;
}

/** What entity recognition makes of a lower-cased word with these lexicon flags (undefined: not in the lexicon). */
export function wordInfoOf(lower: string, flags: number | undefined): WordInfo {
	const f = flags ?? 0;
	const proper = (f & F.proper) !== 0;
	const place = (f & F.place) !== 0;
	return {
		closed: (EXTRA_CLOSED.has(lower) || ((f & F.closed) !== 0 && !proper)) && !place,
		date: (f & F.date) !== 0 || MONTH_ABBREVIATIONS.has(lower),
		common: !proper && flags !== undefined,
		// compromise misses some ("British", "Spanish"): -ish and -ese adjectives that are not names.
		demonym: (f & F.demonym) !== 0 || (!proper && lower.length > 5 && (lower.endsWith('ish') || lower.endsWith('ese')) && !lower.includes(' ')),
		place,
		org: (f & F.org) !== 0,
		firstName: (f & F.firstName) !== 0,
		lastName: (f & F.lastName) !== 0,
	};
}

/** A head word that ends organization names ("University", "Bank", "Holdings"), per compromise. */
export function isOrgWord(lower: string): boolean {
	return tables().orgWords.has(lower) || CORPORATE_SUFFIXES.has(lower);
}

/** A head word that ends place names ("River", "County", "Island"), per compromise. */
export function isPlaceWord(lower: string): boolean {
	const { orgWords, placeWords } = tables();
	return placeWords.has(lower) && !orgWords.has(lower);
}

/**
 * Words that may end an organization's legal name after the name writers use ("Hon Hai" →
 * "Hon Hai Precision Industry Company"), keys without periods.
 */
export const CORPORATE_SUFFIXES = new Set([
	'inc', 'incorporated', 'corp', 'corporation', 'company', 'co', 'companies', 'ltd', 'limited', 'llc',
	'llp', 'lp', 'plc', 'ag', 'sa', 'nv', 'bv', 'gmbh', 'se', 'spa', 'kk', 'holdings', 'holding', 'group',
	'industry', 'industries', 'industrial', 'technology', 'technologies', 'international', 'enterprises',
]);

/** The corporate suffixes that are a legal form, written after a comma too ("Apple, Inc."; keys). */
export const LEGAL_SUFFIXES = new Set(['inc', 'incorporated', 'corp', 'corporation', 'co', 'ltd', 'limited', 'llc', 'llp', 'lp', 'plc', 'ag', 'sa', 'nv', 'bv', 'gmbh', 'spa', 'kk']);

/**
 * Industry words that may stand between the short name and the corporate suffix of a legal name
 * ("Hon Hai Precision Industry", "Samsung Electronics Co.").
 */
export const CORPORATE_DESCRIPTORS = new Set([
	'precision', 'electronics', 'electronic', 'electric', 'motor', 'motors', 'manufacturing',
	'semiconductor', 'semiconductors', 'chemical', 'chemicals', 'pharmaceutical', 'pharmaceuticals',
	'financial', 'communications', 'telecom', 'systems', 'solutions', 'software', 'networks',
	'energy', 'steel', 'oil', 'airlines', 'brands', 'foods', 'entertainment', 'media', 'capital',
	'partners', 'ventures', 'global', 'worldwide', 'computer', 'computers', 'devices', 'instruments',
	'materials', 'products', 'services', 'platforms', 'labs', 'robotics', 'automotive', 'power',
]);

/**
 * Industry words that end a company's name without a legal suffix ("Northwind Traders", "Zorvex
 * Labs"): a name is then also known by the words before them. Not the words that end other names
 * too ("Almighty Power", "Sea Power", "Venture Capital").
 */
export const COMPANY_ENDINGS = new Set([
	'labs', 'traders', 'trading', 'airways', 'airlines', 'pharma', 'pharmaceuticals', 'biotech', 'therapeutics', 'logistics',
	'motors', 'electronics', 'semiconductor', 'semiconductors', 'robotics', 'software', 'networks', 'computers', 'instruments',
	'chemicals', 'communications',
]);

/** Job titles and honorifics that stand before a person's name ("CEO Sam Altman"), lower-cased, no periods. */
export const TITLES = new Set([
	'ceo', 'cfo', 'cto', 'coo', 'cio', 'cmo', 'chairman', 'chairwoman', 'chairperson', 'president',
	'vice-president', 'founder', 'co-founder', 'cofounder', 'analyst', 'economist', 'strategist',
	'director', 'spokesman', 'spokeswoman', 'spokesperson', 'executive', 'researcher', 'scientist',
	'engineer', 'professor', 'prof', 'minister', 'premier', 'senator', 'sen', 'governor', 'gov', 'mayor',
	'secretary', 'ambassador', 'chancellor', 'commissioner', 'representative', 'rep', 'congressman',
	'congresswoman', 'judge', 'mr', 'mrs', 'ms', 'miss', 'dr', 'sir', 'dame', 'madam', 'colonel', 'col',
	'captain', 'capt', 'lieutenant', 'lt', 'sergeant', 'sgt', 'admiral', 'adm', 'gen', 'pope', 'rev',
	'reverend', 'speaker', 'reporter', 'editor', 'correspondent', 'columnist', 'investor', 'trader',
	'president-elect',
]);

/** Two-word titles, lower-cased. */
export const TWO_WORD_TITLES = new Set([
	'chief executive', 'vice president', 'prime minister', 'managing director', 'general manager',
	'executive director', 'vice chairman', 'chief economist', 'chief strategist', 'chief financial',
	'chief operating', 'chief technology', 'senior analyst', 'research analyst', 'chief justice',
	'attorney general', 'first lady', 'secretary general', 'secretary-general', 'chief information',
	'chief marketing', 'chief investment', 'chief legal', 'chief product', 'chief commercial',
	'chief digital', 'chief security', 'chief medical', 'chief revenue', 'chief people',
]);

/** Titles whose holder works for the organization named just before ("OpenAI CEO", "Foxconn chairman"). */
export const ORG_ROLE_TITLES = new Set([
	'ceo', 'cfo', 'cto', 'coo', 'cio', 'cmo', 'chairman', 'chairwoman', 'chairperson', 'president',
	'founder', 'co-founder', 'cofounder', 'analyst', 'economist', 'strategist', 'director', 'spokesman',
	'spokeswoman', 'spokesperson', 'executive', 'researcher', 'scientist', 'engineer', 'chief executive', 'vice president', 'managing director',
	'executive director', 'vice chairman', 'chief economist', 'chief strategist', 'senior analyst',
	'research analyst',
]);

/**
 * Capitalized abbreviations that are vocabulary, not names (AI, IT, HR, GDP): never an entity on
 * their own unless an alias table says so.
 */
export const COMMON_ACRONYMS = new Set([
	'ai', 'agi', 'it', 'hr', 'pr', 'ceo', 'cfo', 'cto', 'coo', 'cio', 'cmo', 'vp', 'gdp', 'gnp', 'tv',
	'pc', 'ipo', 'api', 'gpu', 'cpu', 'tpu', 'ev', 'evs', 'ar', 'vr', 'xr', 'iot', 'ok', 'am', 'pm', 'id',
	'dna', 'rna', 'faq', 'pdf', 'usb', 'llm', 'llms', 'ml', 'nlp', 'saas', 'b2b', 'b2c', 'r&d', 'fy', 'yoy',
	'esg', 'kpi', 'roi', 'ceos', 'hq', 'ui', 'ux', 'qa', 'seo', 'gps', 'lcd', 'led', 'oem', 'odm', 'ram',
	'ssd', 'hbm', 'asic', 'fpga', 'soc', 'os', 'vs', 'etc', 'eg', 'ie', 'ad', 'bc', 'ce', 'tbd', 'n/a',
	'ghz', 'gw', 'mw', 'kw', 'twh', 'gwh', 'mwh', 'kwh', 'usd', 'eur', 'gbp', 'jpy', 'cny', 'ntd', 'rmb',
	'q1', 'q2', 'q3', 'q4', 'h1', 'h2', 'ppm', 'covid', 'hiv', 'aids', 'atm', 'suv', 'cd', 'dvd', 'www',
]);

/**
 * Nouns that, right after a name and its appositive comma ("Intrinsic, a robotics company"), or right
 * before it ("technology giant Foxconn"), say what kind of thing it is.
 */
export const ORG_NOUNS = new Set([
	'company', 'companies', 'firm', 'firms', 'maker', 'makers', 'manufacturer', 'manufacturers',
	'giant', 'giants', 'startup', 'start-up', 'startups', 'rival', 'rivals', 'supplier', 'suppliers',
	'chipmaker', 'automaker', 'carmaker', 'conglomerate', 'retailer', 'carrier', 'bank', 'lender',
	'insurer', 'developer', 'provider', 'group', 'subsidiary', 'unit', 'division', 'brand', 'operator',
	'agency', 'organization', 'organisation', 'nonprofit', 'non-profit', 'charity', 'university',
	'institute', 'publisher', 'newspaper', 'broadcaster', 'outlet', 'studio', 'lab', 'laboratory',
	'airline', 'utility', 'fund', 'partner', 'contractor', 'vendor', 'foundry', 'producer',
	'corporation', 'enterprise', 'business', 'exchange', 'regulator', 'ministry', 'department', 'party',
]);

/** Place nouns for the same two positions ("Ohio, a state in", "the city of"). */
export const PLACE_NOUNS = new Set([
	'city', 'cities', 'country', 'countries', 'state', 'states', 'province', 'provinces', 'region',
	'regions', 'capital', 'island', 'islands', 'nation', 'nations', 'town', 'village', 'county',
	'territory', 'district', 'continent', 'municipality', 'prefecture', 'metropolis', 'suburb', 'port',
]);

/** Person nouns for the same positions (besides the titles). */
export const PERSON_NOUNS = new Set([
	'man', 'woman', 'father', 'mother', 'son', 'daughter', 'wife', 'husband', 'author', 'writer',
	'billionaire', 'entrepreneur', 'leader', 'boss', 'politician', 'lawmaker', 'official', 'officials',
	'expert', 'veteran', 'former', 'actor', 'actress', 'singer', 'player', 'coach', 'student', 'activist',
	'lawyer', 'attorney', 'doctor', 'nurse', 'teacher',
]);

/** Nouns that, after an organization's possessive ("Nvidia's booming AI business"), mark it as one. */
export const BUSINESS_NOUNS = new Set([
	'business', 'businesses', 'shares', 'stock', 'stocks', 'revenue', 'revenues', 'profit', 'profits',
	'earnings', 'sales', 'customers', 'clients', 'employees', 'workers', 'workforce', 'factory',
	'factories', 'plant', 'plants', 'facilities', 'headquarters', 'board', 'products', 'product',
	'chips', 'servers', 'subsidiary', 'subsidiaries', 'unit', 'units', 'division', 'stake', 'platform',
	'shareholders', 'investors', 'valuation', 'operations', 'suppliers', 'brand', 'ceo', 'cfo', 'cto',
	'chairman', 'chief', 'executives', 'founder', 'market', 'outlook', 'guidance', 'quarterly',
	'annual', 'stock', 'bonds', 'debt', 'ipo', 'software', 'hardware', 'models', 'model', 'lab', 'labs',
	'parent', 'spokesperson', 'spokesman', 'spokeswoman', 'president', 'engineers', 'researchers',
	'data', 'deal', 'acquisition', 'partnership', 'investment', 'capex', 'orders', 'supply', 'lineup',
]);

/** Lower-case words joining the parts of one name: "Bank of America", "House of Representatives". */
export const NAME_CONNECTORS = new Set([' of ', ' of the ', ' de ', ' van ', ' von ', ' der ', ' du ', ' da ', ' del ', ' & ', ' y ']);

/** Abbreviations whose period belongs to the word ("Inc.", "Mr.", "St."), lower-cased. */
export const DOTTED_ABBREVIATIONS = new Set([
	'inc', 'corp', 'co', 'ltd', 'jr', 'sr', 'st', 'mr', 'mrs', 'ms', 'dr', 'gen', 'sen', 'rep', 'gov', 'mt',
	'ft', 'prof', 'rev', 'lt', 'col', 'capt', 'sgt', 'adm', 'bros', 'hon', 'messrs', 'no', 'vs',
]);

/** Normalizes a name for lookup: lower case, no periods, straight apostrophes, single spaces ("U.S." = "US"). */
export function nameKey(name: string): string {
	let s = name.toLowerCase();
	if (s.includes('.')) s = s.replace(/\./g, '');
	// "Co., Ltd." and "Co. Ltd." are one name (a comma joins only a legal suffix, see nameTokens.ts)
	if (s.includes(',')) s = s.replace(/,/g, '');
	if (s.includes('’') || s.includes('‘')) s = s.replace(/[’‘]/g, "'");
	if (/\s\s|[^\S ]/.test(s)) s = s.replace(/\s+/g, ' ');
	return s.trim();
}
