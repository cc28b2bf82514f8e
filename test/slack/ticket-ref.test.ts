import fc from 'fast-check';
import { decodeOverflowRef, decodeTicketRef, decodeWorkModalMetadata, encodeTicketRef } from '../../src/slack/views/ticket-ref';

const id = fc.integer({ min: 1, max: 2 ** 31 });

describe('the ticket reference in button values and private_metadata', () => {
  it('writes ticketId and version, spelled out, and reads back what it wrote', () => {
    fc.assert(
      fc.property(id, id, (ticketId, version) => {
        const value = encodeTicketRef({ ticketId, version });
        expect(JSON.parse(value)).toEqual({ ticketId, version });
        expect(decodeTicketRef(value)).toEqual({ ticketId, version });
        expect(decodeWorkModalMetadata(value)).toEqual({ ticketId, version });
      }),
    );
  });

  it('still reads the short keys t and v of cards and modals posted before, as the same reference', () => {
    fc.assert(
      fc.property(id, id, (ticketId, version) => {
        expect(decodeTicketRef(JSON.stringify({ t: ticketId, v: version }))).toEqual({ ticketId, version });
        // An older work modal also carried where its card was (`p`): that is ignored, the server decides.
        expect(decodeWorkModalMetadata(JSON.stringify({ t: ticketId, v: version, p: { c: 'C0SUPPORT', ts: '1.000100' } }))).toEqual({ ticketId, version });
      }),
    );
  });

  it('reads an overflow option in both spellings', () => {
    expect(decodeOverflowRef('{"ticketId":7,"version":4,"action":"release"}')).toEqual({ ticketId: 7, version: 4, action: 'release' });
    expect(decodeOverflowRef('{"t":7,"v":4,"a":"release"}')).toEqual({ ticketId: 7, version: 4, action: 'release' });
    expect(decodeOverflowRef(encodeTicketRef({ ticketId: 7, version: 4, action: 'close' }))).toEqual({ ticketId: 7, version: 4, action: 'close' });
  });

  it('refuses anything else: not JSON, missing or non-positive numbers, an unknown action', () => {
    for (const value of [
      undefined,
      '',
      'ticket 7',
      '{}',
      '{"ticketId":7}',
      '{"t":7}',
      '{"ticketId":0,"version":1}',
      '{"t":-1,"v":1}',
      '{"ticketId":"7","version":1}',
      '{"ticketId":1.5,"version":1}',
    ]) {
      expect(decodeTicketRef(value)).toBeNull();
    }
    expect(decodeOverflowRef('{"ticketId":7,"version":4,"action":"explode"}')).toBeNull();
    expect(decodeOverflowRef('{"t":7,"v":4,"a":"explode"}')).toBeNull();
    expect(decodeOverflowRef('{"ticketId":7,"version":4}')).toBeNull();
  });
});
