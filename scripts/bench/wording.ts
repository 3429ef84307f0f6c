import { KK_PHRASES } from './phrases-kk.js';
import { RU_PHRASES } from './phrases-ru.js';
import type { CategoryPhrases, Language, LanguagePhrases } from './phrase-types.js';
import type { Random } from './random.js';
import type { Settlement } from './settlements.js';

/**
 * Turns templates into the text of one hotspot: where it is, what happened, who acted. All
 * people in it are fictional.
 */
export const PHRASES: Record<Language, LanguagePhrases> = { kk: KK_PHRASES, ru: RU_PHRASES };

export function categoryPhrases(language: Language, categoryCode: string): CategoryPhrases {
  const phrases = PHRASES[language].categories;
  return phrases[categoryCode] ?? (phrases.other as CategoryPhrases);
}

/** [Kazakh, Russian] street names and micro-districts found in most Kazakh towns. */
const STREETS: [string, string][] = [
  ['Абай', 'Абая'],
  ['Төле би', 'Толе би'],
  ['Қабанбай батыр', 'Кабанбай батыра'],
  ['Бейбітшілік', 'Бейбитшилик'],
  ['Желтоқсан', 'Желтоксан'],
  ['Тәуелсіздік', 'Тауелсиздик'],
  ['Жамбыл', 'Жамбыла'],
  ['Сәтбаев', 'Сатпаева'],
  ['Достық', 'Достык'],
  ['Әйтеке би', 'Айтеке би'],
];
const MICRO_DISTRICTS: [string, string][] = [
  ['Самал', 'Самал'],
  ['Нұрсат', 'Нурсат'],
  ['Жұлдыз', 'Жулдыз'],
  ['Шұғыла', 'Шугыла'],
  ['Көктем', 'Коктем'],
  ['Ақсай', 'Аксай'],
  ['Мерей', 'Мерей'],
  ['Құлагер', 'Кулагер'],
];

/**
 * "Where" for a title: in a town, often a street or micro-district too. Kazakh takes the
 * locative of the generic word (қаласында, ауылында), so the name itself is never inflected.
 */
export function wherePhrase(settlement: Settlement | null, language: Language, random: Random): string {
  const kk = language === 'kk';
  const name = settlement ? (kk ? settlement.nameKk : settlement.nameRu) : null;
  if (!settlement || !name) return kk ? 'елді мекеннен тыс жерде' : 'за пределами населённых пунктов';
  if (settlement.kind !== 'city' && settlement.kind !== 'town') return kk ? `${name} ауылында` : `в с. ${name}`;
  if (random.chance(0.3)) return kk ? `${name} қаласында` : `в г. ${name}`;
  if (random.chance(0.5)) {
    const [streetKk, streetRu] = random.pick(STREETS);
    return kk ? `${name} қаласы, ${streetKk} көшесінде` : `на ул. ${streetRu}, г. ${name}`;
  }
  const [districtKk, districtRu] = random.pick(MICRO_DISTRICTS);
  return kk ? `${name} қаласы, «${districtKk}» шағын ауданында` : `в мкр. «${districtRu}», г. ${name}`;
}

/** Fills {where}, {n} and {d}; a title starting with {where} gets its first letter capitalised. */
export function fill(template: string, where: string, random: Random): string {
  const text = template
    .replace('{where}', where)
    .replace('{n}', String(random.int(5, 400)))
    .replace('{d}', String(random.int(2, 45)));
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const INITIALS = ['А', 'Б', 'Г', 'Д', 'Е', 'Ж', 'Қ', 'М', 'Н', 'С', 'Т', 'Ұ'];
const SURNAMES = [
  'Сейітов',
  'Жұмабаева',
  'Тұрсынов',
  'Омарова',
  'Байжанов',
  'Есенов',
  'Исаев',
  'Әлімбеков',
  'Құдайбергенова',
  'Мәмбетов',
  'Әбдірахманов',
  'Ермеков',
  'Нұрғалиева',
  'Оспанова',
  'Ахметов',
  'Ким',
  'Петренко',
  'Смағұлова',
  'Жақсылықов',
  'Иванова',
];

/** Short names of the seeded agencies, as staff sign their entries. */
const AGENCY_LABELS: Record<string, string> = {
  akimat: 'Қала әкімдігі',
  housing_utilities: 'ТҮКШ бөлімі',
  land_relations: 'Жер қатынастары бөлімі',
  construction: 'Құрылыс бөлімі',
  employment: 'Жұмыспен қамту бөлімі',
  internal_policy: 'Ішкі саясат бөлімі',
  religious_affairs: 'Дін істері бөлімі',
  education: 'Білім бөлімі',
  police: 'Полиция басқармасы',
  ecology: 'Экология департаменті',
  labour_inspection: 'Еңбек инспекциясы',
  assembly: 'ҚХА хатшылығы',
  keles_akimat: 'Келес ауданы әкімдігі',
};

function person(random: Random): string {
  return `${random.pick(INITIALS)}. ${random.pick(SURNAMES)}`;
}

export function prosecutorActor(random: Random): string {
  return `Прокуратура: ${person(random)}`;
}

export function agencyActor(agencyCode: string, random: Random): string {
  return `${AGENCY_LABELS[agencyCode] ?? 'Әкімдік'}: ${person(random)}`;
}
