/** Strings of the printed report; they live under `dashboard.print`, next to the figures they print. */
export const print = {
  kk: {
    title: 'Әлеуметтік шиеленіс ошақтары бойынша анықтама',
    printedOn: 'Басып шығарылды: {{date}}',
    print: 'Басып шығару',
    back: 'Картаға оралу',
    map: 'Ошақтар картасы',
    list: 'Ошақтар тізімі',
    count_one: '{{count}} ошақ',
    count_other: '{{count}} ошақ',
    truncated_one:
      'Барлығы {{count}} ошақ, алғашқы {{shown}} басылды. Толық тізім үшін сүзгілерді нақтылаңыз немесе экспортты пайдаланыңыз.',
    truncated_other:
      'Барлығы {{count}} ошақ, алғашқы {{shown}} басылды. Толық тізім үшін сүзгілерді нақтылаңыз немесе экспортты пайдаланыңыз.',
    empty: 'Таңдауға сәйкес ошақ жоқ.',
    overdue: 'мерзімі өткен',
    columns: {
      reference: 'Нөмірі',
      title: 'Атауы',
      category: 'Санаты',
      severity: 'Маңыздылығы',
      status: 'Мәртебесі',
      agency: 'Жауапты орган',
      registered: 'Тіркелген күні',
      due: 'Мерзімі',
    },
  },
  ru: {
    title: 'Справка по очагам социальной напряжённости',
    printedOn: 'Напечатано: {{date}}',
    print: 'Печать',
    back: 'Вернуться к карте',
    map: 'Карта очагов',
    list: 'Список очагов',
    count_one: '{{count}} очаг',
    count_few: '{{count}} очага',
    count_many: '{{count}} очагов',
    count_other: '{{count}} очага',
    truncated_one:
      'Всего {{count}} очаг, напечатаны первые {{shown}}. Для полного списка уточните фильтры или воспользуйтесь экспортом.',
    truncated_few:
      'Всего {{count}} очага, напечатаны первые {{shown}}. Для полного списка уточните фильтры или воспользуйтесь экспортом.',
    truncated_many:
      'Всего {{count}} очагов, напечатаны первые {{shown}}. Для полного списка уточните фильтры или воспользуйтесь экспортом.',
    truncated_other:
      'Всего {{count}} очага, напечатаны первые {{shown}}. Для полного списка уточните фильтры или воспользуйтесь экспортом.',
    empty: 'Нет очагов, подходящих под выборку.',
    overdue: 'просрочен',
    columns: {
      reference: 'Номер',
      title: 'Название',
      category: 'Категория',
      severity: 'Важность',
      status: 'Статус',
      agency: 'Ответственный орган',
      registered: 'Дата регистрации',
      due: 'Срок',
    },
  },
  en: {
    title: 'Social-tension hotspots: report',
    printedOn: 'Printed {{date}}',
    print: 'Print',
    back: 'Back to the map',
    map: 'Map of hotspots',
    list: 'List of hotspots',
    count_one: '{{count}} hotspot',
    count_other: '{{count}} hotspots',
    truncated_one:
      '{{count}} hotspot in all; the first {{shown}} are printed. Narrow the filters or use an export for the full list.',
    truncated_other:
      '{{count}} hotspots in all; the first {{shown}} are printed. Narrow the filters or use an export for the full list.',
    empty: 'No hotspots match the selection.',
    overdue: 'overdue',
    columns: {
      reference: 'Reference',
      title: 'Title',
      category: 'Category',
      severity: 'Severity',
      status: 'Status',
      agency: 'Responsible agency',
      registered: 'Registered',
      due: 'Due',
    },
  },
};
