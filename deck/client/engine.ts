/**
 * Starts the page's training engine for a deck that needs one, with the deck's backend request
 * (`?backend=` in the URL beats `backend:` in the front matter), the WASM files this site serves itself,
 * and a small corner mark that says which backend runs and why — to the presenter, not to the room: the
 * mark opens into its sentence on hover or keyboard focus (or by itself when training moved off a lost GPU),
 * and the speaker view shows the sentence under the notes of every slide with a training widget.
 */
import { WASM_PATHS } from './wasm-paths.ts';
import { parseBackendRequest, type EngineInfo } from '../../engine/backends.ts';
import { getEngine, type Engine } from '../../engine/runtime.ts';
import { trainingWidgets } from '../../components/registry.ts';
import { isPrintLayout } from './handout.ts';

/** The request in force: URL query first, then front matter. */
export function backendRequest(frontMatter: string, search = location.search) {
  const fromUrl = new URLSearchParams(search).get('backend');
  return parseBackendRequest(fromUrl ?? frontMatter);
}

/** Starts (or returns) the page's engine and keeps the badge up to date. */
export async function startDeckEngine(frontMatter: string, revealElement: HTMLElement): Promise<Engine> {
  const { request, warning } = backendRequest(frontMatter);
  const badge = document.createElement('div');
  badge.className = 'axon-engine-badge';
  badge.setAttribute('role', 'status');
  // Reachable by keyboard: focus opens the mark into its sentence, as hovering does.
  badge.tabIndex = 0;
  badge.textContent = 'Starting the training engine…';
  revealElement.append(badge);
  const notes = speakerNotesLines(revealElement);
  try {
    const engine = await getEngine({
      request,
      wasmPaths: WASM_PATHS,
    });
    const show = (info: EngineInfo) => {
      badge.textContent = info.label;
      badge.title = [info.reason, warning].filter(Boolean).join(' — ');
      badge.dataset.backend = info.backend;
      badge.classList.toggle('axon-engine-badge-warning', Boolean(info.recoveredFrom || warning));
      for (const line of notes) line.textContent = `Training engine: ${info.label}${badge.title ? ` (${badge.title})` : ''}`;
    };
    show(engine.info);
    engine.events.on('backend', show);
    return engine;
  } catch (error) {
    badge.textContent = `No training engine: ${error instanceof Error ? error.message : String(error)}`;
    badge.classList.add('axon-engine-badge-warning');
    throw error;
  }
}

/**
 * One line at the end of the speaker notes of every slide that holds a training widget (reveal's speaker
 * view reads a slide's `aside.notes` each time it changes slide), filled in once the engine has started. Not
 * in a printed handout, whose notes are the instructor's own.
 */
function speakerNotesLines(revealElement: HTMLElement): HTMLElement[] {
  const tags = [...trainingWidgets].join(', ');
  if (!tags || isPrintLayout()) return [];
  const slides = [...revealElement.querySelectorAll<HTMLElement>('.slides section')].filter((s) => !s.querySelector('section') && s.querySelector(tags));
  return slides.map((slide) => {
    let aside = slide.querySelector<HTMLElement>(':scope > aside.notes');
    if (!aside) {
      aside = document.createElement('aside');
      aside.className = 'notes';
      slide.append(aside);
    }
    const line = document.createElement('p');
    line.className = 'axon-engine-note';
    aside.append(line);
    return line;
  });
}
