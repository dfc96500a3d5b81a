/**
 * The words entity recognition leans on: compromise's lexicon (looked up per distinct word, cached)
 * and a few closed lists of English vocabulary (titles, corporate suffixes, head nouns). None of
 * these lists names a particular organization, person or place.
 */
import nlp from 'compromise/two';

/** compromise's lexicon: lower-cased word or phrase → tag or tags. */
const LEXICON = (nlp.model() as { one: { lexicon: Record<string, string | string[]> } }).one.lexicon;
const ORG_WORDS = (nlp.model() as { two: { orgWords: Record<string, true> } }).two.orgWords;
const PLACE_WORDS = (nlp.model() as { two: { placeWords: Record<string, true> } }).two.placeWords;

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

const PLACE_TAGS = new Set(['Country', 'City', 'Region', 'Place']);
const ORG_TAGS = new Set(['Organization', 'SportsTeam']);
const FIRST_TAGS = new Set(['MaleName', 'FemaleName', 'FirstName', 'Person']);
const CLOSED_TAGS = new Set([
	'Determiner', 'Preposition', 'Conjunction', 'Pronoun', 'Possessive', 'Reflexive', 'Copula',
	'Modal', 'QuestionWord', 'Negative', 'Condition', 'Adverb', 'Cardinal',
	'Ordinal', 'TextValue', 'Multiple', 'Fraction',
]);
const DATE_TAGS = new Set(['Month', 'WeekDay', 'Date', 'Duration']);
const PROPER_TAGS = new Set([...PLACE_TAGS, ...ORG_TAGS, ...FIRST_TAGS, 'LastName', 'ProperNoun', 'Honorific', 'Demonym']);

/** Capitalized words the lexicon misses or tags as names although they start sentences far more often. */
const EXTRA_CLOSED = new Set([
	'i', 'im', 'also', 'however', 'meanwhile', 'still', 'yet', 'thus', 'hence', 'here', 'there', 'then',
	'today', 'tonight', 'yesterday', 'tomorrow', 'now', 'according', 'despite', 'unlike', 'like', 'per',
	'instead', 'overall', 'separately', 'additionally', 'furthermore', 'please', 'yes', 'no', 'not',
	'mr', 'mrs', 'ms', 'dr', 'march', 'may', 'june', 'august', 'will', 'jan', 'feb', 'mar', 'apr', 'jun',
	'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun',
]);

const infoCache = new Map<string, WordInfo>();
const NO_TAGS: string[] = [];
const MONTH_ABBREVIATIONS = new Set(['jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec']);

function hasTag(tags: readonly string[], set: Set<string>): boolean {
	for (const t of tags) if (set.has(t)) return true;
	return false;
}

/** Lexicon facts about a lower-cased word or phrase; cached per distinct string. */
export function wordInfo(lower: string): WordInfo {
	let info = infoCache.get(lower);
	if (info) return info;
	// Own properties only: "constructor" is a word, not Object.prototype's.
	const raw = Object.hasOwn(LEXICON, lower) ? LEXICON[lower] : undefined;
	const tags = raw === undefined ? NO_TAGS : typeof raw === 'string' ? [raw] : raw;
	const proper = hasTag(tags, PROPER_TAGS);
	const place = hasTag(tags, PLACE_TAGS);
	info = {
		closed: (EXTRA_CLOSED.has(lower) || (hasTag(tags, CLOSED_TAGS) && !proper)) && !place,
		date: hasTag(tags, DATE_TAGS) || MONTH_ABBREVIATIONS.has(lower),
		common: !proper && tags.length > 0,
		// compromise misses some ("British", "Spanish"): -ish and -ese adjectives that are not names.
		demonym: tags.includes('Demonym') || (!proper && lower.length > 5 && (lower.endsWith('ish') || lower.endsWith('ese')) && !lower.includes(' ')),
		place,
		org: hasTag(tags, ORG_TAGS),
		firstName: hasTag(tags, FIRST_TAGS),
		lastName: tags.includes('LastName'),
	};
	infoCache.set(lower, info);
	return info;
}

/** A head word that ends organization names ("University", "Bank", "Holdings"), per compromise. */
export function isOrgWord(lower: string): boolean {
	return ORG_WORDS[lower] === true || CORPORATE_SUFFIXES.has(lower);
}

/** A head word that ends place names ("River", "County", "Island"), per compromise. */
export function isPlaceWord(lower: string): boolean {
	return PLACE_WORDS[lower] === true && !ORG_WORDS[lower];
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
	'attorney general', 'first lady', 'secretary general', 'secretary-general',
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
	if (s.includes('’') || s.includes('‘')) s = s.replace(/[’‘]/g, "'");
	if (/\s\s|[^\S ]/.test(s)) s = s.replace(/\s+/g, ' ');
	return s.trim();
}
