import { z } from 'zod';
import { code } from '../contract/common.js';
import { idParam } from '../http/params.js';

/** Path parameters of the instruction routes. */

export const instructionParams = z.object({ id: idParam('an instruction') }).strict();
export const assignmentParams = z.object({ id: idParam('an instruction'), agency: code }).strict();
