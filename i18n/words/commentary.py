"""Words of the commentary area (see `i18n.catalogue`): slide and page commentary, evaluation reasons.

A key ending in `_one` / `_other` is a count: `texts.words.counted` picks the form by
the number (Vietnamese has one form, English a singular and a plural).
"""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {
    # --- comparing a value with the previous period ---
    "cm_city": ("Toàn thành phố", "City"),
    "cm_no_data": ("{label}: chưa có dữ liệu.", "{label}: no data."),
    "cm_no_previous": ("{label}: {value}, chưa có số liệu {prev_period} để so sánh.",
                       "{label}: {value}, no figure for {prev_period} to compare."),
    "cm_up": ("{label}: {value}, tăng {amount} so với {prev_period} ({prev}).",
              "{label}: {value}, up {amount} on {prev_period} ({prev})."),
    "cm_down": ("{label}: {value}, giảm {amount} so với {prev_period} ({prev}).",
                "{label}: {value}, down {amount} on {prev_period} ({prev})."),
    "cm_unchanged": ("{label}: {value}, không đổi so với {prev_period} ({prev}).",
                     "{label}: {value}, unchanged on {prev_period} ({prev})."),
    # --- one ranking ---
    "cm_none_ranked": ("Chưa có đơn vị nào đủ số liệu để xếp hạng.", "No unit has enough data to be ranked."),
    "cm_met_goal_one": ("{met}/{n} đơn vị đạt mục tiêu {goal}.", "{met} of {n} ranked unit met the target of {goal}."),
    "cm_met_goal_other": ("{met}/{n} đơn vị đạt mục tiêu {goal}.",
                          "{met} of {n} ranked units met the target of {goal}."),
    "cm_met_one": ("{met}/{n} đơn vị đạt mục tiêu.", "{met} of {n} ranked unit met its target."),
    "cm_met_other": ("{met}/{n} đơn vị đạt mục tiêu.", "{met} of {n} ranked units met their target."),
    # The bottom of a ranking is the lowest values when higher is better, the highest otherwise.
    "cm_bottom_higher_is_better": ("Thấp nhất: {units}.", "Lowest: {units}."),
    "cm_bottom_lower_is_better": ("Cao nhất: {units}.", "Highest: {units}."),
    "cm_falls_higher_is_better": ("Giảm nhiều nhất so với kỳ trước: {units}.",
                                  "Largest falls since the previous period: {units}."),
    "cm_falls_lower_is_better": ("Tăng nhiều nhất so với kỳ trước: {units}.",
                                 "Largest rises since the previous period: {units}."),
    "cm_no_unit_worse": ("Không đơn vị nào kém đi so với kỳ trước.", "No unit got worse than the previous period."),
    "cm_not_ranked": ("Không xếp hạng: {parts}.", "Not ranked: {parts}."),
    "cm_too_few": ("{n} đơn vị có quá ít hồ sơ", "{n} with too few cases"),
    "cm_without_data": ("{n} đơn vị chưa có số liệu", "{n} without data"),
    # --- the city overview ---
    "cm_indicators_met_one": ("{met}/{n} chỉ số có mục tiêu đã đạt mục tiêu.",
                              "{met} of {n} indicator met its target."),
    "cm_indicators_met_other": ("{met}/{n} chỉ số có mục tiêu đã đạt mục tiêu.",
                                "{met} of {n} indicators met their target."),
    "cm_below_target": ("Chưa đạt: {items}.", "Below target: {items}."),
    "cm_worse_than": ("Kém đi so với {period}: {items}.", "Worse than {period}: {items}."),
    "cm_no_indicator_worse": ("Không chỉ số nào kém đi so với kỳ trước.",
                              "No indicator got worse than the previous period."),
    # --- an evaluation ---
    "cm_eval_head_one": ("{group}, {period}: {n} đơn vị — {levels}.", "{group}, {period}: {n} unit — {levels}."),
    "cm_eval_head_other": ("{group}, {period}: {n} đơn vị — {levels}.", "{group}, {period}: {n} units — {levels}."),
    "cm_level_count": ("{n} {level_lower}", "{n} {level}"),
    "cm_capped_one": ("{n} đơn vị chỉ được xếp mức hoàn thành (trễ hạn không có lý do chính đáng hoặc chưa đủ "
                      "số liệu): {names}.",
                      "{n} unit capped at 'Completed' (late work without a legitimate reason or incomplete "
                      "reporting): {names}."),
    "cm_capped_other": ("{n} đơn vị chỉ được xếp mức hoàn thành (trễ hạn không có lý do chính đáng hoặc chưa đủ "
                        "số liệu): {names}.",
                        "{n} units capped at 'Completed' (late work without a legitimate reason or incomplete "
                        "reporting): {names}."),
    "cm_score_falls": ("Điểm giảm nhiều nhất: {items}.", "Largest score falls: {items}."),
    # --- the scoring scheme ---
    "cm_scheme_note": ("Phương án chấm điểm ({version}): {status}.", "Scoring scheme ({version}): {status}."),
    "cm_scheme_default": ("mặc định", "built-in default"),
    "cm_scheme_version": ("phiên bản {id}, áp dụng từ {since}", "version {id}, from {since}"),
    "cm_scheme_adopted": ("đã ban hành theo {decision}", "adopted by {decision}"),
    "cm_scheme_proposal": ("đề xuất, chưa ban hành", "proposal, not adopted"),
    # --- why a unit's level was capped (texts.evaluation) ---
    "ev_late_dossier_one": ("{unexcused}/{base} hồ sơ trễ hạn không có lý do chính đáng ({share} > ngưỡng {limit})",
                            "{unexcused}/{base} dossier late without a legitimate reason ({share} > threshold "
                            "{limit})"),
    "ev_late_dossier_other": ("{unexcused}/{base} hồ sơ trễ hạn không có lý do chính đáng ({share} > ngưỡng "
                              "{limit})",
                              "{unexcused}/{base} dossiers late without a legitimate reason ({share} > threshold "
                              "{limit})"),
    "ev_late_task_one": ("{unexcused}/{base} nhiệm vụ trễ hạn không có lý do chính đáng ({share} > ngưỡng {limit})",
                         "{unexcused}/{base} task late without a legitimate reason ({share} > threshold {limit})"),
    "ev_late_task_other": ("{unexcused}/{base} nhiệm vụ trễ hạn không có lý do chính đáng ({share} > ngưỡng "
                           "{limit})",
                           "{unexcused}/{base} tasks late without a legitimate reason ({share} > threshold "
                           "{limit})"),
    "ev_limit_or": (" hoặc ", " or "),
    "ev_limit_dossier_one": ("{n} hồ sơ", "{n} dossier"),
    "ev_limit_dossier_other": ("{n} hồ sơ", "{n} dossiers"),
    "ev_limit_task_one": ("{n} nhiệm vụ", "{n} task"),
    "ev_limit_task_other": ("{n} nhiệm vụ", "{n} tasks"),
    "ev_assumed_dossier_one": ("{n} hồ sơ trễ hạn chưa báo cáo lý do trễ hạn, tính là không có lý do",
                               "{n} late dossier with no reason reported counts as unexcused"),
    "ev_assumed_dossier_other": ("{n} hồ sơ trễ hạn chưa báo cáo lý do trễ hạn, tính là không có lý do",
                                 "{n} late dossiers with no reason reported count as unexcused"),
    "ev_assumed_task_one": ("{n} nhiệm vụ trễ hạn chưa báo cáo lý do trễ hạn, tính là không có lý do",
                            "{n} late task with no reason reported counts as unexcused"),
    "ev_assumed_task_other": ("{n} nhiệm vụ trễ hạn chưa báo cáo lý do trễ hạn, tính là không có lý do",
                              "{n} late tasks with no reason reported count as unexcused"),
    "ev_coverage": ("chưa đủ số liệu: báo cáo {ind_rep}/{ind_exp} chỉ số, {months_rep}/{months_exp} tháng "
                    "(không xếp loại trên Hoàn thành nhiệm vụ)",
                    "incomplete reporting: {ind_rep}/{ind_exp} indicators, {months_rep}/{months_exp} months "
                    "(cannot be rated above Completed)"),
    "ev_not_whole_period": ("không hoạt động trọn kỳ", "not active for the whole period"),
}
