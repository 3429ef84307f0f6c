/**
 * Strings of the meeting features that live outside the meeting pages (`meetings.hotspot.*` in a
 * hotspot's panel, `meetings.mode.*` in meeting mode, `meetings.year.*` the year in figures), kept
 * apart so each file stays readable.
 */
export const outside = {
  kk: {
    year: {
      title: '{{year}} жыл сандармен',
      held: 'Өткізілген кеңестер: {{held}} (алда тағы {{scheduled}})',
      hotspots: 'Ошақтар: {{entered}} енгізілді, {{resolved}} шешілді',
      instructions:
        'Тапсырмалар: {{given}} берілді; ведомстволардың {{done}} бөлігі орындалды, {{overdue}} мерзімі өтті',
    },
    mode: {
      agendaOf: 'Кеңестің күн тәртібі: {{title}}, {{date}}',
      empty: 'Бұл кеңестің күн тәртібі бос.',
    },
    hotspot: {
      title: 'Кеңестерде',
      none: 'Бұл ошақ кеңестерде қаралмаған.',
      openInstructions: 'Орындалмаған тапсырмалар',
      prepare: 'Осы ошақпен жаңа кеңес дайындау',
      comingMeeting: 'Алдағы кеңес',
      addToAgenda: 'Күн тәртібіне қосу',
      added: 'Күн тәртібіне қосылды.',
    },
  },
  ru: {
    year: {
      title: '{{year}} год в цифрах',
      held: 'Проведено совещаний: {{held}} (ещё запланировано {{scheduled}})',
      hotspots: 'Очаги: внесено {{entered}}, решено {{resolved}}',
      instructions: 'Поручения: дано {{given}}; исполнено частей ведомств {{done}}, просрочено {{overdue}}',
    },
    mode: {
      agendaOf: 'Повестка совещания: {{title}}, {{date}}',
      empty: 'Повестка этого совещания пуста.',
    },
    hotspot: {
      title: 'На совещаниях',
      none: 'Этот очаг на совещаниях не рассматривался.',
      openInstructions: 'Неисполненные поручения',
      prepare: 'Подготовить новое совещание с этим очагом',
      comingMeeting: 'Предстоящее совещание',
      addToAgenda: 'Внести в повестку',
      added: 'Внесено в повестку.',
    },
  },
  en: {
    year: {
      title: '{{year}} in figures',
      held: 'Meetings held: {{held}} ({{scheduled}} more scheduled)',
      hotspots: 'Hotspots: {{entered}} entered, {{resolved}} resolved',
      instructions: "Instructions: {{given}} given; agencies' parts done {{done}}, overdue {{overdue}}",
    },
    mode: {
      agendaOf: 'Agenda of the meeting: {{title}}, {{date}}',
      empty: "This meeting's agenda is empty.",
    },
    hotspot: {
      title: 'At meetings',
      none: 'No meeting has discussed this hotspot.',
      openInstructions: 'Open instructions',
      prepare: 'Prepare a new meeting with this hotspot',
      comingMeeting: 'Coming meeting',
      addToAgenda: 'Add to its agenda',
      added: 'Added to the agenda.',
    },
  },
};
