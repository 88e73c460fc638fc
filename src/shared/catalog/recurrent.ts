/**
 * Recurrent layers read a sequence one step at a time and carry a memory
 * between steps. Parameter counts follow tfjs 4.22: each gate has an input
 * kernel, a recurrent kernel and a bias; tfjs' GRU has no reset_after option,
 * so it has one bias per gate where Keras 2's default has two.
 */
import { MAX_UNITS } from '../document/limits.ts';
import { activationParam, formatShape, INITIALIZERS, weightConfig, weightParams } from './common.ts';
import { p } from './params.ts';
import { checkRank, TIME_SERIES } from './shape-help.ts';
import type { LayerDef, ParamSpec } from './types.ts';

const rate = (label: string, doc: string): ParamSpec => ({ type: 'float', label, default: 0, min: 0, max: 0.99, doc });

function recurrent(kind: 'SimpleRNN' | 'LSTM' | 'GRU', gates: number, summary: string): LayerDef {
  const gated = gates > 1;
  return {
    kind,
    family: 'Recurrent',
    summary,
    inputs: { min: 1, max: 1 },
    params: {
      units: { type: 'int', label: 'Units', default: 32, min: 1, limit: MAX_UNITS, doc: 'The size of the memory and of each output step; 32–128 is common.' },
      returnSequences: { type: 'bool', label: 'Return sequences', default: false, doc: 'Output every step [batch, steps, units] instead of only the last [batch, units]. Turn it on when another recurrent layer follows.' },
      activation: activationParam('tanh', 'The function applied to the new memory; tanh keeps it between −1 and 1, which keeps long sequences stable.'),
      ...(gated
        ? { recurrentActivation: activationParam('sigmoid', 'The function for the gates that decide what to keep and forget; sigmoid gives values between 0 (forget) and 1 (keep).', 'Gate activation') }
        : {}),
      dropout: rate('Input dropout', 'Share of the inputs dropped at random at each step while training, against overfitting; 0 turns it off.'),
      recurrentDropout: rate('Memory dropout', 'Share of the memory dropped at random at each step while training; 0 turns it off. Slows training noticeably.'),
      ...weightParams(),
      recurrentInitializer: { type: 'enum', label: 'Recurrent initializer', default: 'glorotUniform', options: INITIALIZERS, doc: 'How the memory-to-memory weights start. Keras uses orthogonal, which keeps the memory from exploding or fading over long sequences, but tfjs needs seconds to minutes to build it for 64+ units, so the default here is glorotUniform.' },
    },
    headline: ['units', 'returnSequences'],
    factory: kind === 'SimpleRNN' ? 'simpleRNN' : kind.toLowerCase(),
    inferShape([input], params) {
      const wrongRank = checkRank(kind, input, TIME_SERIES);
      if (wrongRank) return wrongRank;
      if (input[2] === null) return { ok: false, message: `${kind} needs a known number of features per step but got ${formatShape(input)}: give the Input a fixed shape` };
      const units = p.int(params, 'units');
      return { ok: true, shape: p.bool(params, 'returnSequences') ? [null, input[1], units] : [null, units] };
    },
    paramCount([input], params) {
      const units = p.int(params, 'units');
      const features = input[2] as number;
      const perGate = units * (features + units) + (p.bool(params, 'useBias') ? units : 0);
      return { trainable: gates * perGate, nonTrainable: 0 };
    },
    toConfig: (params) => ({
      className: kind,
      config: {
        units: p.int(params, 'units'),
        returnSequences: p.bool(params, 'returnSequences'),
        activation: p.str(params, 'activation'),
        ...(gated ? { recurrentActivation: p.str(params, 'recurrentActivation') } : {}),
        dropout: p.float(params, 'dropout'),
        recurrentDropout: p.float(params, 'recurrentDropout'),
        ...weightConfig(params),
        recurrentInitializer: p.str(params, 'recurrentInitializer'),
      },
    }),
  };
}

export const SimpleRNN = recurrent('SimpleRNN', 1, 'The plainest recurrent layer: mixes each step into a memory. Fine for short sequences; it forgets over long ones.');
export const LSTM = recurrent('LSTM', 4, 'Long short-term memory: gates decide what to keep, forget and output at each step, so it remembers across long sequences.');
export const GRU = recurrent('GRU', 3, 'Gated recurrent unit: like an LSTM with two gates instead of three, a little smaller and often just as good.');
