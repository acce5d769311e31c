package dev.backlane.server.api.fis;

import dev.backlane.server.api.Input;
import java.util.List;
import java.util.regex.Matcher;

/**
 * The resources an experiment's target picks when it starts: those it names, after its selection mode — all, the first
 * n, or the first n percent (rounded up). AWS picks at random; Backlane deterministically, so a test knows which.
 */
final class FisTargets {
    private FisTargets() {}

    static List<String> selected(Input target) {
        List<String> arns = target.strings("resourceArns");
        Matcher mode = FisTemplateCheck.SELECTION_MODE.matcher(target.string("selectionMode"));
        mode.matches();
        if (mode.group(1) != null) {
            return arns.subList(0, Math.min(arns.size(), Integer.parseInt(mode.group(1))));
        }
        if (mode.group(2) != null) {
            int count = (int) Math.ceil(arns.size() * Math.min(100, Integer.parseInt(mode.group(2))) / 100.0);
            return arns.subList(0, count);
        }
        return arns;
    }
}
