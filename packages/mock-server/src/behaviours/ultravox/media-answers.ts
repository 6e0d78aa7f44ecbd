import type { OperationBehaviour, OperationCall } from "../../behaviour.js";
import type { CoreResponse } from "../../pipeline/core-exchange.js";

const WAV = wavSilence();

/** Audio answers (a voice preview, a message's audio): a tiny valid WAV. A call's recording follows the call (live-calls.ts). */
function audio(call: OperationCall): CoreResponse {
  return { status: call.operation.success.status, headers: { "content-type": call.operation.success.mediaType ?? "audio/wav" }, body: WAV };
}

/** The TwiML-style XML a telephony provider fetches to connect a call to an agent. */
function telephonyXml(call: OperationCall): CoreResponse {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Connect><Stream url="wss://voice.example.com/calls/${call.store.rng.uuid()}"/></Connect></Response>\n`;
  return { status: call.operation.success.status, headers: { "content-type": "text/xml" }, body: xml };
}

/** The operations whose success answer is not JSON, by operationId. */
export function mediaBehaviours(): Record<string, OperationBehaviour> {
  const wav: OperationBehaviour = { render: audio };
  return {
    agents_telephony_xml: { render: telephonyXml },
    preview_voice: wav,
    voices_preview_retrieve: wav,
    // The spec declares no body for it; the API answers with the message's audio.
    calls_stages_messages_audio_retrieve: wav,
  };
}

/** A valid, tiny WAV file: 0.1 s of 8 kHz mono silence. */
function wavSilence(): Uint8Array {
  const samples = 800;
  const bytes = new Uint8Array(44 + samples * 2);
  const view = new DataView(bytes.buffer);
  const ascii = (offset: number, text: string): void => {
    for (let i = 0; i < text.length; i++) bytes[offset + i] = text.charCodeAt(i);
  };
  ascii(0, "RIFF");
  view.setUint32(4, 36 + samples * 2, true);
  ascii(8, "WAVEfmt ");
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, 8000, true);
  view.setUint32(28, 16000, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  ascii(36, "data");
  view.setUint32(40, samples * 2, true);
  return bytes;
}
