import { createHash } from 'node:crypto';
import { IncomingMessage } from 'node:http';
import { Duplex } from 'node:stream';

/** RFC 6455's key suffix for `Sec-WebSocket-Accept`. */
const HANDSHAKE_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
/** Slack's envelopes are small; a client frame above this closes the connection (1009). */
const MAX_FRAME_BYTES = 1_000_000;

const OPCODE = { continuation: 0x0, text: 0x1, binary: 0x2, close: 0x8, ping: 0x9, pong: 0xa } as const;

/** Answers an HTTP request on the raw socket (a refused upgrade) and closes it. */
export const refuseUpgrade = (socket: Duplex, status: number, reason: string, body = ''): void => {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nconnection: close\r\ncontent-type: text/plain\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
};

/**
 * One server-side WebSocket (RFC 6455) on an upgraded HTTP connection: text messages in and
 * out, pings answered with pongs, the close handshake, and `drop()` for a connection lost without
 * one. Only what the local Slack's Socket Mode needs: no extensions, no subprotocols.
 */
export class ServerWebSocket {
  private buffer = Buffer.alloc(0);
  private fragments: Buffer[] = [];
  private closing = false;
  private closed = false;
  private readonly messageListeners: ((text: string) => void)[] = [];
  private readonly closeListeners: ((code: number) => void)[] = [];

  private constructor(private readonly socket: Duplex) {
    socket.on('data', (chunk: Buffer) => this.read(chunk));
    socket.on('error', () => socket.destroy());
    // The HTTP server keeps upgraded sockets half-open: a peer gone without a close frame (its
    // process killed: the kernel sends only a FIN) would otherwise never count as lost.
    socket.on('end', () => socket.destroy());
    socket.on('close', () => this.finish(1006));
  }

  /**
   * Completes the handshake of an `upgrade` request, or answers 400 and returns null when it is
   * not a version 13 WebSocket request.
   */
  static accept(request: IncomingMessage, socket: Duplex, head: Buffer): ServerWebSocket | null {
    const key = request.headers['sec-websocket-key'];
    if (request.headers.upgrade?.toLowerCase() !== 'websocket' || typeof key !== 'string' || request.headers['sec-websocket-version'] !== '13') {
      refuseUpgrade(socket, 400, 'Bad Request', 'a WebSocket upgrade was expected\n');
      return null;
    }
    const accept = createHash('sha1').update(`${key}${HANDSHAKE_GUID}`).digest('base64');
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nupgrade: websocket\r\nconnection: Upgrade\r\nsec-websocket-accept: ${accept}\r\n\r\n`);
    const connection = new ServerWebSocket(socket);
    if (head.length > 0) connection.read(head);
    return connection;
  }

  get open(): boolean {
    return !this.closing && !this.closed;
  }

  onMessage(listener: (text: string) => void): void {
    this.messageListeners.push(listener);
  }

  /** Told once, with the close code (1006 when the connection was lost without a close frame). */
  onClose(listener: (code: number) => void): void {
    this.closeListeners.push(listener);
  }

  send(text: string): void {
    if (this.open) this.socket.write(frame(OPCODE.text, Buffer.from(text, 'utf8')));
  }

  /** Starts the close handshake; the connection ends when the client answers, or after `graceMs`. */
  close(code = 1000, reason = '', graceMs = 1000): void {
    if (!this.open) return;
    this.closing = true;
    const payload = Buffer.alloc(2 + Buffer.byteLength(reason));
    payload.writeUInt16BE(code, 0);
    payload.write(reason, 2);
    this.socket.write(frame(OPCODE.close, payload));
    setTimeout(() => this.socket.destroy(), graceMs).unref();
  }

  /**
   * The connection is lost: no close frame, the TCP connection just ends (after what was already
   * written). Nothing the client sends from now on is read.
   */
  drop(): void {
    this.closing = true;
    this.socket.end();
    setTimeout(() => this.socket.destroy(), 200).unref();
    this.finish(1006);
  }

  private finish(code: number): void {
    if (this.closed) return;
    this.closed = true;
    for (const listener of this.closeListeners) listener(code);
  }

  private read(chunk: Buffer): void {
    if (this.closed) return;
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const parsed = parseFrame(this.buffer);
      if (parsed === 'incomplete') return;
      if (parsed === 'invalid') return this.close(1002, 'protocol error');
      if (parsed === 'too_big') return this.close(1009, 'message too big');
      this.buffer = this.buffer.subarray(parsed.length);
      this.handle(parsed.opcode, parsed.fin, parsed.payload);
    }
  }

  private handle(opcode: number, fin: boolean, payload: Buffer): void {
    if (opcode === OPCODE.ping) return void (this.open && this.socket.write(frame(OPCODE.pong, payload)));
    if (opcode === OPCODE.pong) return;
    if (opcode === OPCODE.close) {
      const code = payload.length >= 2 ? payload.readUInt16BE(0) : 1005;
      if (!this.closing) this.socket.write(frame(OPCODE.close, payload.subarray(0, 2)));
      this.closing = true;
      this.socket.end();
      return this.finish(code);
    }
    if (opcode === OPCODE.text || opcode === OPCODE.binary || opcode === OPCODE.continuation) {
      this.fragments.push(payload);
      if (!fin) return;
      const text = Buffer.concat(this.fragments).toString('utf8');
      this.fragments = [];
      for (const listener of this.messageListeners) listener(text);
    }
  }
}

/** A server frame: final, unmasked. */
const frame = (opcode: number, payload: Buffer): Buffer => {
  const length = payload.length;
  const header = length < 126 ? Buffer.alloc(2) : length < 65_536 ? Buffer.alloc(4) : Buffer.alloc(10);
  header[0] = 0x80 | opcode;
  if (length < 126) header[1] = length;
  else if (length < 65_536) {
    header[1] = 126;
    header.writeUInt16BE(length, 2);
  } else {
    header[1] = 127;
    header.writeBigUInt64BE(BigInt(length), 2);
  }
  return Buffer.concat([header, payload]);
};

type ParsedFrame = { opcode: number; fin: boolean; payload: Buffer; length: number } | 'incomplete' | 'invalid' | 'too_big';

/** Reads one client frame from the front of `buffer`; client frames must be masked. */
const parseFrame = (buffer: Buffer): ParsedFrame => {
  if (buffer.length < 2) return 'incomplete';
  const first = buffer[0] ?? 0;
  const second = buffer[1] ?? 0;
  if ((second & 0x80) === 0) return 'invalid';
  let length = second & 0x7f;
  let offset = 2;
  if (length === 126) {
    if (buffer.length < 4) return 'incomplete';
    length = buffer.readUInt16BE(2);
    offset = 4;
  } else if (length === 127) {
    if (buffer.length < 10) return 'incomplete';
    const long = buffer.readBigUInt64BE(2);
    if (long > BigInt(MAX_FRAME_BYTES)) return 'too_big';
    length = Number(long);
    offset = 10;
  }
  if (length > MAX_FRAME_BYTES) return 'too_big';
  if (buffer.length < offset + 4 + length) return 'incomplete';
  const mask = buffer.subarray(offset, offset + 4);
  const payload = Buffer.from(buffer.subarray(offset + 4, offset + 4 + length));
  for (let index = 0; index < payload.length; index += 1) payload[index] = (payload[index] ?? 0) ^ (mask[index % 4] ?? 0);
  return { opcode: first & 0x0f, fin: (first & 0x80) !== 0, payload, length: offset + 4 + length };
};
