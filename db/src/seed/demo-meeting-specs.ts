/**
 * The demo's meeting history as written: meetings, agendas and instructions with the agencies'
 * reports, dated in days from the day the demo is loaded (demo-meetings.ts turns it into rows).
 * All people are fictional, as in demo-hotspots.ts.
 */

/** One step of an agency's part, `on` days from today. */
export type PartStep =
  | { kind: 'reported'; on: number; note: string }
  | { kind: 'accepted'; on: number; note?: string }
  | { kind: 'returned'; on: number; note: string };

export interface DemoInstruction {
  /** Index into the meeting's agenda of the item it was given on. */
  item: number;
  text: string;
  dueIn: number;
  parts: Record<string, PartStep[]>;
}

export interface DemoMeeting {
  heldIn: number;
  kind: 'interagency_prosecutor' | 'akimat_commission' | 'working_group' | 'other';
  title: string;
  minutes: string;
  /**
   * A hotspot's item carries the generic topic it becomes when the meeting falls before the
   * hotspot's registration; without one (or when the hotspot is confidential) the item is left out.
   */
  agenda: ({ hotspot: string; topic?: string } | { topic: string; agencies: string[] })[];
  agendaNotes: string[];
  instructions: DemoInstruction[];
}

export const demoMeetings: DemoMeeting[] = [
  {
    heldIn: -70,
    kind: 'interagency_prosecutor',
    title: 'Әлеуметтік шиеленіс ошақтары бойынша ведомствоаралық кеңес',
    minutes:
      'Кеңеске қала прокуратурасы, әкімдік бөлімдері және полиция басқармасы қатысты. Картадағы ашық ошақтар қаралды, жауапты органдарға тапсырмалар берілді.',
    agenda: [
      { hotspot: 'demo-cur-03', topic: 'Тоқтап қалған тұрғын үй құрылысы бойынша үлескерлердің өтініштері' },
      { hotspot: 'demo-cur-14', topic: 'Келес ауданында жеке тұрғын үй құрылысына жер телімдерін бөлу' },
      { hotspot: 'demo-cur-15' },
      { topic: 'Жылу беру маусымына дайындық: қазандықтар мен жылу желілері', agencies: ['housing_utilities'] },
    ],
    agendaNotes: [
      'Құрылыс бөлімі үлескерлермен кездесу өткізіп, мердігерді ауыстыру жоспарын ұсынады.',
      '',
      'Полиция басқармасы жастар арасындағы профилактикалық жұмыс туралы баяндады.',
      'Жылу маусымы 15 қазанда басталады.',
    ],
    instructions: [
      {
        item: 0,
        text: 'Үлескерлермен кездесу өткізіп, құрылысты жалғастыру кестесін бекіту.',
        dueIn: -40,
        parts: {
          construction: [
            {
              kind: 'reported',
              on: -43,
              note: 'Кездесу өтті, жаңа мердігермен кесте бекітілді (хаттама қоса беріледі).',
            },
            { kind: 'accepted', on: -41 },
          ],
        },
      },
      {
        item: 1,
        text: 'Шұқырсай ауылындағы жер телімдерін бөлу тізімін тексеріп, нәтижесін тұрғындарға түсіндіру.',
        dueIn: -35,
        parts: {
          keles_akimat: [
            {
              kind: 'reported',
              on: -33,
              note: 'Тізім тексерілді, 12 өтініш қайта қаралды, тұрғындармен кездесу өтті.',
            },
            { kind: 'accepted', on: -30, note: 'Мерзімнен кеш ұсынылды.' },
          ],
          land_relations: [
            { kind: 'reported', on: -38, note: 'Жер кадастры деректері салыстырылды, қайшылық анықталған жоқ.' },
            { kind: 'accepted', on: -36 },
          ],
        },
      },
      {
        item: 2,
        text: 'Екі қауым жастары арасында профилактикалық кездесулер ұйымдастыру.',
        dueIn: -50,
        parts: {
          police: [
            {
              kind: 'reported',
              on: -52,
              note: 'Мектептер мен колледждерде 6 кездесу өтті, учаскелік инспекторлар бекітілді.',
            },
            { kind: 'accepted', on: -49 },
          ],
        },
      },
      {
        item: 3,
        text: 'Жылу желілерінің дайындық актілерін ұсыну.',
        dueIn: -25,
        parts: { housing_utilities: [] },
      },
    ],
  },
  {
    heldIn: -21,
    kind: 'interagency_prosecutor',
    title: 'Ведомствоаралық кеңес: қысқы кезеңдегі әлеуметтік ахуал',
    minutes:
      'Қысқартылған жұмысшыларды жұмыспен қамту, қоқыс үйіндісі және қоғамдық көлік мәселелері қаралды. Мерекелік іс-шаралар кезінде қоғамдық тәртіпті қамтамасыз ету тапсырылды.',
    agenda: [
      { hotspot: 'demo-cur-16', topic: 'Кәсіпорындардағы жаппай қысқартулар: жұмысшыларды жұмыспен қамту' },
      { hotspot: 'demo-cur-17', topic: 'Тұрғын үйлер маңындағы стихиялы қоқыс үйінділері' },
      { hotspot: 'demo-cur-05', topic: 'Қоғамдық көлік бағыттарының тоқтатылуы' },
      { topic: 'Жаңа жыл мерекесі кезінде қоғамдық тәртіпті қамтамасыз ету', agencies: ['police', 'akimat'] },
    ],
    agendaNotes: ['', 'Үйінді жойылғанға дейін тұрақты бақылау.', '', ''],
    instructions: [
      {
        item: 0,
        text: 'Қысқартылған 150 жұмысшының әрқайсысына жұмыс немесе оқу ұсыну, тізімін ұсыну.',
        dueIn: 7,
        parts: {
          employment: [
            { kind: 'reported', on: -9, note: 'Бос жұмыс орындарының жәрмеңкесі өтті.' },
            { kind: 'returned', on: -6, note: 'Жұмысқа орналасқандардың атаулы тізімі берілмеген.' },
          ],
        },
      },
      {
        item: 1,
        text: 'Стихиялы қоқыс үйіндісін жойып, жауапты тұлғаларды анықтау.',
        dueIn: -7,
        parts: {
          ecology: [
            { kind: 'reported', on: -8, note: 'Үйінді жойылды, екі кәсіпкерге айыппұл салынды.' },
            { kind: 'accepted', on: -5 },
          ],
        },
      },
      {
        item: 2,
        text: '№ 12 автобус бағытын қалпына келтіру үшін тасымалдаушыны анықтау.',
        dueIn: -4,
        parts: { housing_utilities: [] },
      },
      {
        item: 3,
        text: 'Мерекелік іс-шаралар өтетін орындарда күзет пен бейнебақылауды күшейту жоспарын ұсыну.',
        dueIn: 10,
        parts: {
          police: [{ kind: 'reported', on: -2, note: 'Жоспар бекітілді: 14 орында қосымша наряд, 30 камера.' }],
          akimat: [],
        },
      },
    ],
  },
  {
    heldIn: 14,
    kind: 'interagency_prosecutor',
    title: 'Ведомствоаралық кеңес: жыл қорытындысы',
    minutes: '',
    agenda: [
      { hotspot: 'demo-cur-18', topic: 'Арықтар мен су нысандарының ластануы' },
      { hotspot: 'demo-cur-03', topic: 'Тоқтап қалған тұрғын үй құрылысы бойынша үлескерлердің өтініштері' },
      { topic: 'Өткен кеңестер тапсырмаларының орындалуы', agencies: [] },
    ],
    agendaNotes: ['', '', ''],
    instructions: [],
  },
];
