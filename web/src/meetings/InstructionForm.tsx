import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useGiveInstruction, type MeetingDetail } from './api';
import { AgencyPicker } from './AgencyPicker';
import { useExplain } from './useNames';

/**
 * Gives an instruction at the meeting: text, deadline, one or more agencies, and optionally the
 * agenda item (hotspot) it is about — the API then takes the item's hotspot as the instruction's.
 */
export function InstructionForm({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useTranslation();
  const give = useGiveInstruction();
  const explain = useExplain();
  const [text, setText] = useState('');
  const [dueOn, setDueOn] = useState('');
  const [agencies, setAgencies] = useState<string[]>(meeting.agencies.length === 1 ? meeting.agencies : []);
  const [itemId, setItemId] = useState('');
  const [message, setMessage] = useState('');
  const hotspotItems = meeting.agenda.filter((item) => item.hotspot);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setMessage('');
    if (!agencies.length) {
      setMessage(t('meetings.instructions.agencyRequired'));
      return;
    }
    try {
      await give.mutateAsync({
        meetingId: meeting.id,
        body: {
          text: text.trim(),
          due_on: dueOn,
          agencies,
          agenda_item_id: itemId ? Number(itemId) : null,
        },
      });
      setText('');
      setDueOn('');
      setItemId('');
    } catch (error) {
      setMessage(explain(error));
    }
  }

  return (
    <form className="instruction-form" onSubmit={(event) => void submit(event)} aria-labelledby="give-heading">
      <h3 id="give-heading">{t('meetings.instructions.give')}</h3>
      <label className="field">
        {t('meetings.instructions.text')}
        <textarea
          name="instruction-text"
          required
          rows={3}
          maxLength={5000}
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
      </label>
      <div className="row">
        <label className="field">
          {t('meetings.instructions.due')}
          <input
            type="date"
            name="due_on"
            required
            min={meeting.held_on}
            value={dueOn}
            onChange={(event) => setDueOn(event.target.value)}
          />
        </label>
        <label className="field">
          {t('meetings.instructions.about')}
          <select name="agenda_item" value={itemId} onChange={(event) => setItemId(event.target.value)}>
            <option value="">{t('meetings.instructions.noHotspot')}</option>
            {hotspotItems.map((item) => (
              <option key={item.id} value={item.id}>
                {item.hotspot?.reference} {item.hotspot?.title}
              </option>
            ))}
          </select>
        </label>
      </div>
      <AgencyPicker
        legend={t('meetings.instructions.agencies')}
        name="instruction-agencies"
        value={agencies}
        onChange={setAgencies}
      />
      <button type="submit" disabled={give.isPending} data-action="give-instruction">
        {t('meetings.instructions.submit')}
      </button>
      {message && (
        <p role="alert" className="error">
          {message}
        </p>
      )}
    </form>
  );
}
