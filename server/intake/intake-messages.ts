/**
 * What the channel tells the citizen (zh-CN), by the intake's outcome. Emergency messages live
 * with the emergency lexicon (server/triage), since they name what was detected.
 */
export function receivedMessage(code: string): string {
  return `您的诉求已受理，编号 ${code}。可凭编号和手机号后四位查询办理进度。`;
}

export function duplicateMessage(code: string, originalCode: string): string {
  return (
    `您的诉求已受理，编号 ${code}。您此前反映过相同的问题（编号 ${originalCode}），` +
    '我们将一并办理并告知进展。'
  );
}

export function emergencyMessage(lexiconMessage: string, code: string): string {
  return `${lexiconMessage}（诉求编号 ${code}）`;
}
