// The interviewer's script for live calls (Zoom, Teams, Meet) and how each one-click result becomes the
// interview item the detectors read: the hand wave and the pencil feed `checks.handOcclusion`
// (interview.occlusion-artifact), showing the room feeds `checks.environment` (interview.environment), small
// talk about the claimed city feeds `checks.locationSmallTalk` (interview.location-knowledge), a camera that
// stayed off feeds `cameraOn` / `actualMode` (interview.camera-refusal); every check done is also written as a
// plain observation. Pure.

export const OUTCOMES = ['passed', 'failed', 'refused', 'not_done'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const CHECK_IDS = ['handWave', 'pencil', 'profile', 'room', 'smallTalk'] as const;
export type CheckId = (typeof CHECK_IDS)[number];

export type AssistCheck = {
  id: CheckId;
  title: string;
  /** What to say or do, in order. */
  how: string[];
  why: string;
  /** What each result button means for this check. */
  outcomes: Record<Outcome, string>;
};

export const ASSIST_CHECKS: readonly AssistCheck[] = [
  {
    id: 'handWave',
    title: 'Wave a hand slowly in front of the face',
    how: [
      'Ask: "Could you wave your hand slowly in front of your face, like this?" and show it yourself.',
      'Watch the edges of the hand and the face while the hand passes.',
    ],
    why: 'A real-time face swap loses its anchor points when a hand covers the face: the face fades, ghosts over the hand, or the hand disappears into the face.',
    outcomes: {
      passed: 'The hand hid the face normally',
      failed: 'The face glitched, ghosted over the hand or warped',
      refused: 'The candidate would not do it',
      not_done: 'Not asked',
    },
  },
  {
    id: 'pencil',
    title: 'Pass a pen or pencil across the face',
    how: [
      'Ask the candidate to hold a pen or pencil and move it slowly across the face, from one ear to the other.',
      'Watch the pen where it crosses the eyes, nose and mouth.',
    ],
    why: 'A thin object in front of the face makes face-swap software smear or bend the face around it, or draw the face over the pen.',
    outcomes: {
      passed: 'The pen stayed in front of the face',
      failed: 'The face smeared, warped or was drawn over the pen',
      refused: 'The candidate would not do it',
      not_done: 'Not asked',
    },
  },
  {
    id: 'profile',
    title: 'Turn to full profile, both ways',
    how: [
      'Ask the candidate to turn the head slowly to the left until you see the side of the face, then to the right.',
      'Watch the ear, the jaw line and the nose at the widest turn.',
    ],
    why: 'Face-swap models are trained mostly on faces seen from the front; at profile the fake face flickers, stretches or turns into someone else.',
    outcomes: {
      passed: 'The face stayed the same person at profile',
      failed: 'The face flickered, stretched or changed at profile',
      refused: 'The candidate would not turn',
      not_done: 'Not asked',
    },
  },
  {
    id: 'room',
    title: 'Pick up the camera or laptop and show the room or the window',
    how: [
      'Ask the candidate to pick up the laptop or phone and slowly show the room, then the view out of a window.',
      'A virtual or stock background does not move with the camera; a real room does.',
    ],
    why: 'Workers operating from a shared office abroad hide the room behind a virtual background, and what is outside the window tells you the city and the time of day.',
    outcomes: {
      passed: 'A real room moved with the camera',
      failed: 'The background did not move with the camera (virtual background)',
      refused: 'The candidate would not show the room or the window',
      not_done: 'Not asked',
    },
  },
  {
    id: 'smallTalk',
    title: 'Small talk about the city they say they live in',
    how: [
      'Ask, in a friendly way, about their neighbourhood, the weather there today, a local place they like (a café, a park, the way to the office).',
      'Compare the weather with a forecast for the claimed city afterwards if in doubt.',
    ],
    why: 'People who really live somewhere answer without effort; someone reading from a script or working from another country hesitates, stays vague or gets simple facts wrong.',
    outcomes: {
      passed: 'Answered naturally, details fit',
      failed: 'Could not describe the city, or facts were wrong',
      refused: 'Avoided the topic (counts as failed)',
      not_done: 'Not asked',
    },
  },
];

export type AssistAnswers = {
  results: Record<CheckId, Outcome>;
  notes: Partial<Record<CheckId, string>>;
  /** The camera stayed on for the whole call. */
  cameraOn: boolean;
  /** How the call actually ran (moved to phone or chat = camera refused). */
  actualMode: 'video' | 'phone' | 'chat';
  /** The candidate's reason when the camera was off. */
  excuse: string;
  platform: 'zoom' | 'teams' | 'meet' | 'other';
  interviewer: string;
  /** ISO date-time with offset. */
  at: string;
  /** A general note about the call. */
  note: string;
};

export function emptyAnswers(at: string, interviewer = ''): AssistAnswers {
  return {
    results: {
      handWave: 'not_done',
      pencil: 'not_done',
      profile: 'not_done',
      room: 'not_done',
      smallTalk: 'not_done',
    },
    notes: {},
    cameraOn: true,
    actualMode: 'video',
    excuse: '',
    platform: 'zoom',
    interviewer,
    at,
    note: '',
  };
}

/** `checks.handOcclusion` from the hand wave and the pencil: an artifact in either wins, then a refusal, then a pass. */
export function handOcclusionResult(a: Outcome, b: Outcome): 'passed' | 'artifact' | 'refused' | 'not_done' {
  if (a === 'failed' || b === 'failed') return 'artifact';
  if (a === 'refused' || b === 'refused') return 'refused';
  if (a === 'passed' || b === 'passed') return 'passed';
  return 'not_done';
}

const ENVIRONMENT: Record<Outcome, string> = {
  passed: 'real',
  failed: 'virtual_background',
  refused: 'refused_room',
  not_done: 'not_done',
};

const SMALL_TALK: Record<Outcome, 'passed' | 'failed' | 'not_done'> = {
  passed: 'passed',
  failed: 'failed',
  refused: 'failed',
  not_done: 'not_done',
};

/**
 * One observation per check done. The words are chosen so the detectors' note readers agree with the
 * clicks: a failed occlusion check names the face, the hand or pen and the artifact; a passed one names no
 * artifact; a declined profile turn is not worded as a refusal to show the room.
 */
const OBSERVATIONS: Record<CheckId, Partial<Record<Outcome, string>>> = {
  handWave: {
    passed: 'Hand wave in front of the face: passed, the hand hid the face as a real hand does.',
    failed: 'Hand wave in front of the face: the face glitched, ghosted over the hand or warped (artifact).',
    refused: 'Hand wave in front of the face: the candidate declined.',
  },
  pencil: {
    passed: 'Pen passed across the face: passed, the pen stayed in front of the face.',
    failed: 'Pen passed across the face: the face smeared, warped or was drawn over the pen (artifact).',
    refused: 'Pen passed across the face: the candidate declined.',
  },
  profile: {
    passed: 'Turn to full profile both ways: passed, the same person at profile.',
    failed: 'Turn to full profile: the face flickered, stretched or changed at profile (artifact).',
    refused: 'Turn to full profile: the candidate declined the turn.',
  },
  room: {
    passed: 'Camera moved around the room and to the window: a real room.',
    failed: 'Camera moved around the room: the background did not move with the camera (virtual background).',
    refused: 'The candidate refused to show the room or point the camera out of the window.',
  },
  smallTalk: {
    passed: 'Small talk about the claimed city: answered naturally, details fit.',
    failed:
      'Small talk about the claimed city: could not describe the neighbourhood, the weather or a local place.',
    refused: 'Small talk about the claimed city: avoided the topic; could not talk about the city.',
  },
};

function clean(text: string | undefined, max = 500): string {
  return (text ?? '').replace(/\s+/g, ' ').trim().slice(0, max);
}

/** The interview item for POST /subjects/{id}/evidence/interviews. */
export function toInterviewItem(a: AssistAnswers): Record<string, unknown> {
  const observations: string[] = [];
  for (const check of ASSIST_CHECKS) {
    const outcome = a.results[check.id];
    const base = OBSERVATIONS[check.id][outcome];
    if (!base) continue;
    const note = clean(a.notes[check.id]);
    observations.push(note ? `${base} Note: ${note}` : base);
  }
  const general = clean(a.note, 2000);
  if (general) observations.push(general);
  const cameraOn = a.actualMode === 'video' ? a.cameraOn : false;
  const item: Record<string, unknown> = {
    at: a.at,
    plannedMode: 'video',
    actualMode: a.actualMode,
    status: 'held',
    cameraOn,
    checks: {
      handOcclusion: handOcclusionResult(a.results.handWave, a.results.pencil),
      locationSmallTalk: SMALL_TALK[a.results.smallTalk],
      environment: ENVIRONMENT[a.results.room],
    },
    observations,
    platform: a.platform,
    source: 'interview-assist',
    assist: { ...a.results },
  };
  const interviewer = clean(a.interviewer, 200);
  if (interviewer) item.interviewer = interviewer;
  const excuse = clean(a.excuse, 500);
  if (!cameraOn && excuse) item.excuse = excuse;
  return item;
}

/** The signals an interview-assist item can raise, for showing what the save changed. */
export const INTERVIEW_SIGNAL_PREFIX = 'interview.';
