// TypeDoc plugin: members of the generated spec types (src/generated/) that the spec itself leaves
// undescribed are omitted from the reference rather than flagged: their documentation is the
// upstream spec's, not ours. Hand-written code gets no such exemption.
import { Converter, ReflectionKind } from "typedoc";

/** @param {import("typedoc").Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    const project = context.project;
    const omitted = Object.values(project.reflections).filter(
      (ref) =>
        ref.kindOf(ReflectionKind.Property) &&
        !ref.hasComment() &&
        ref.sources !== undefined &&
        ref.sources.length > 0 &&
        ref.sources.every((source) => /[\\/]src[\\/]generated[\\/]/.test(source.fullFileName)),
    );
    for (const ref of omitted) {
      if (project.getReflectionById(ref.id) !== undefined) project.removeReflection(ref);
    }
  });
}
