import { type Server, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { PROBLEM_CONTENT_TYPE, unreadableRequestProblem } from './problem-details';

/**
 * Answers the requests Node's HTTP parser refuses before any route sees them (431 for headers too
 * large, 400 for a malformed request, 408 when it comes too slowly) with problem details, as every
 * other refusal is answered, instead of Node's bare status line.
 */
export function answerUnreadableRequests(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    // As Node's own handler: nothing is written once a response has begun on this connection.
    const response = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (error.code === 'ECONNRESET' || !socket.writable || response?.headersSent) {
      socket.destroy();
      return;
    }
    const problem = unreadableRequestProblem(error.code);
    const body = JSON.stringify(problem);
    socket.end(
      [
        `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status] ?? ''}`,
        `Content-Type: ${PROBLEM_CONTENT_TYPE}`,
        `Content-Length: ${Buffer.byteLength(body)}`,
        'Content-Language: zh-CN',
        'Connection: close',
        '',
        body,
      ].join('\r\n'),
    );
  });
}
