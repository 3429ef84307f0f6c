/** "My tasks": an agency's instructions with their deadlines. */
export const tasks = {
  kk: {
    title: 'Менің тапсырмаларым',
    showDone: 'Қабылданғандарын да көрсету',
    empty: 'Орындалмаған тапсырма жоқ.',
    noAgency: 'Тапсырмалар ведомство қызметкерлеріне беріледі: сіздің тіркелгіңіз ешбір ведомствоға жатпайды.',
  },
  ru: {
    title: 'Мои поручения',
    showDone: 'Показывать и принятые',
    empty: 'Невыполненных поручений нет.',
    noAgency: 'Поручения даются сотрудникам ведомств: ваша учётная запись не относится ни к одному ведомству.',
  },
  en: {
    title: 'My tasks',
    showDone: 'Show accepted ones too',
    empty: 'No open instructions.',
    noAgency: 'Tasks are given to agencies’ staff: your account belongs to no agency.',
  },
};
