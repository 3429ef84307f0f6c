/**
 * Reference data every Oshaq installation starts with: the categories of social-tension
 * hotspots and the city's responsible bodies (Turkestan city akimat's departments and the
 * agencies that usually take part in the prosecutor's interagency meetings).
 * Administrators can rename, add and retire entries; codes are stable keys for seeding.
 */
export interface NamedEntry {
  code: string;
  name_kk: string;
  name_ru: string;
  name_en: string;
}

export interface CategorySeed extends NamedEntry {
  /** Map colour, #rrggbb; chosen to stay distinguishable on a projector. */
  colour: string;
}

export const categorySeeds: CategorySeed[] = [
  {
    code: 'land',
    name_kk: 'Жер және мүлік дауы',
    name_ru: 'Земельные и имущественные споры',
    name_en: 'Land and property disputes',
    colour: '#8c564b',
  },
  {
    code: 'utilities',
    name_kk: 'Коммуналдық қызметтер (су, жарық, газ, жылу)',
    name_ru: 'Коммунальные услуги (вода, свет, газ, тепло)',
    name_en: 'Utilities (water, power, gas, heating)',
    colour: '#1f77b4',
  },
  {
    code: 'housing',
    name_kk: 'Тұрғын үй және көшіру',
    name_ru: 'Жильё и переселение',
    name_en: 'Housing and resettlement',
    colour: '#ff7f0e',
  },
  {
    code: 'labour',
    name_kk: 'Еңбек және жалақы',
    name_ru: 'Трудовые отношения и зарплата',
    name_en: 'Labour and wages',
    colour: '#2ca02c',
  },
  {
    code: 'interethnic',
    name_kk: 'Ұлтаралық қатынастар',
    name_ru: 'Межэтнические отношения',
    name_en: 'Interethnic relations',
    colour: '#d62728',
  },
  {
    code: 'religious',
    name_kk: 'Діни радикализм қаупі',
    name_ru: 'Риски религиозного радикализма',
    name_en: 'Religious radicalism risks',
    colour: '#9467bd',
  },
  {
    code: 'public_order',
    name_kk: 'Қоғамдық тәртіп',
    name_ru: 'Общественный порядок',
    name_en: 'Public order',
    colour: '#e377c2',
  },
  {
    code: 'social_payments',
    name_kk: 'Әлеуметтік төлемдер',
    name_ru: 'Социальные выплаты',
    name_en: 'Social payments',
    colour: '#17becf',
  },
  {
    code: 'environment',
    name_kk: 'Экология',
    name_ru: 'Экология',
    name_en: 'Environment',
    colour: '#bcbd22',
  },
  {
    code: 'roads',
    name_kk: 'Жол және көлік',
    name_ru: 'Дороги и транспорт',
    name_en: 'Roads and transport',
    colour: '#7f7f7f',
  },
  {
    code: 'other',
    name_kk: 'Басқа',
    name_ru: 'Прочее',
    name_en: 'Other',
    colour: '#393b79',
  },
];

export const agencySeeds: NamedEntry[] = [
  {
    code: 'akimat',
    name_kk: 'Түркістан қаласының әкімдігі',
    name_ru: 'Акимат города Туркестан',
    name_en: 'Turkestan City Akimat',
  },
  {
    code: 'housing_utilities',
    name_kk: 'Тұрғын үй-коммуналдық шаруашылық, жолаушылар көлігі және автомобиль жолдары бөлімі',
    name_ru: 'Отдел жилищно-коммунального хозяйства, пассажирского транспорта и автомобильных дорог',
    name_en: 'Department of Housing and Utilities, Passenger Transport and Roads',
  },
  {
    code: 'land_relations',
    name_kk: 'Жер қатынастары бөлімі',
    name_ru: 'Отдел земельных отношений',
    name_en: 'Department of Land Relations',
  },
  {
    code: 'construction',
    name_kk: 'Құрылыс, сәулет және қала құрылысы бөлімі',
    name_ru: 'Отдел строительства, архитектуры и градостроительства',
    name_en: 'Department of Construction, Architecture and Urban Planning',
  },
  {
    code: 'employment',
    name_kk: 'Жұмыспен қамту және әлеуметтік бағдарламалар бөлімі',
    name_ru: 'Отдел занятости и социальных программ',
    name_en: 'Department of Employment and Social Programmes',
  },
  {
    code: 'internal_policy',
    name_kk: 'Ішкі саясат бөлімі',
    name_ru: 'Отдел внутренней политики',
    name_en: 'Department of Internal Policy',
  },
  {
    code: 'religious_affairs',
    name_kk: 'Дін істері бөлімі',
    name_ru: 'Отдел по делам религий',
    name_en: 'Department of Religious Affairs',
  },
  {
    code: 'education',
    name_kk: 'Білім бөлімі',
    name_ru: 'Отдел образования',
    name_en: 'Department of Education',
  },
  {
    code: 'police',
    name_kk: 'Түркістан қалалық полиция басқармасы',
    name_ru: 'Управление полиции города Туркестан',
    name_en: 'Turkestan City Police Department',
  },
  {
    code: 'ecology',
    name_kk: 'Экология департаменті',
    name_ru: 'Департамент экологии',
    name_en: 'Department of Ecology',
  },
  {
    code: 'labour_inspection',
    name_kk: 'Еңбек инспекциясы жөніндегі басқарма',
    name_ru: 'Управление по инспекции труда',
    name_en: 'Labour Inspection Office',
  },
  {
    code: 'assembly',
    name_kk: 'Қазақстан халқы Ассамблеясының хатшылығы',
    name_ru: 'Секретариат Ассамблеи народа Казахстана',
    name_en: 'Secretariat of the Assembly of the People of Kazakhstan',
  },
  {
    code: 'keles_akimat',
    name_kk: 'Келес ауданының әкімдігі',
    name_ru: 'Акимат Келесского района',
    name_en: 'Keles District Akimat',
  },
];
