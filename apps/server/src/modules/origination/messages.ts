/** Messages of origination and credit review in both languages. */
import { registerMessages } from '../../platform/i18n.ts'

registerMessages({
  'origination.field.product_unknown': {
    'zh-CN': '产品不存在或未上架',
    'en-US': 'Unknown product, or one not on sale',
  },
  'origination.field.amount_out_of_range': {
    'zh-CN': '借款金额须在 {min} 至 {max} 元之间',
    'en-US': 'The amount must be between {min} and {max}',
  },
  'origination.field.amount_invalid': {
    'zh-CN': '请输入金额，如 8000 或 8000.50（最多两位小数）',
    'en-US': 'Enter an amount such as 8000 or 8000.50 (at most two decimals)',
  },
  'origination.field.term_out_of_range': {
    'zh-CN': '借款期限须在 {min} 至 {max} 期之间',
    'en-US': 'The term must be between {min} and {max}',
  },
  'origination.field.method_not_offered': {
    'zh-CN': '该产品不提供此还款方式',
    'en-US': 'The product does not offer this repayment method',
  },
  'origination.field.upload_unknown': {
    'zh-CN': '文件不存在、未上传完成或不属于您',
    'en-US': 'Unknown file, one not fully uploaded, or someone else’s',
  },
  'origination.field.documents_missing': {
    'zh-CN': '缺少该产品要求的材料：{kinds}',
    'en-US': 'The product requires these documents: {kinds}',
  },
  'origination.field.customer_unknown': { 'zh-CN': '客户不存在', 'en-US': 'Unknown customer' },
  'origination.field.card_invalid': {
    'zh-CN': '银行卡号无效（须为 12–19 位数字且校验位正确）',
    'en-US': 'Invalid bank card number (12–19 digits with a valid check digit)',
  },
  'origination.field.tiers_invalid': {
    'zh-CN': '审批层级有误：金额下限须小于上限、按金额升序、同层步骤不重复',
    'en-US': 'Invalid tiers: min below max, sorted by amount, no repeated step within a tier',
  },
  'origination.field.placeholder_unknown': {
    'zh-CN': '模板中有未知占位符：{names}',
    'en-US': 'The template has unknown placeholders: {names}',
  },
  'origination.field.consent_required': {
    'zh-CN': '请先阅读并勾选同意合同条款',
    'en-US': 'Please read the contract and tick the consent box',
  },
  'origination.profile_incomplete': {
    'zh-CN': '请先完善个人资料：{missing}',
    'en-US': 'Please complete your profile first: {missing}',
  },
  'origination.already_applied': {
    'zh-CN': '您已有一笔该产品的申请正在处理中',
    'en-US': 'You already have an application for this product in progress',
  },
  'origination.status': {
    'zh-CN': '申请当前状态（{status}）不允许此操作',
    'en-US': 'Not possible while the application is {status}',
  },
  'origination.sign_in_h5': {
    'zh-CN': '该申请由借款人在 H5 提交，须由借款人本人在 H5 签约',
    'en-US': 'This application was made in the H5; the borrower signs it there',
  },
  'origination.field.identity_check_required': {
    'zh-CN': '柜面签约须先核验借款人身份证原件',
    'en-US': 'Check the borrower’s original ID document before recording an in-branch signature',
  },
  'review.reason_code_taken': {
    'zh-CN': '拒绝原因代码 {code} 已存在',
    'en-US': 'The reject-reason code {code} already exists',
  },
  'review.field.reason_code_invalid': {
    'zh-CN': '代码须以小写字母开头，仅含小写字母、数字和下划线（2–40 位）',
    'en-US': 'The code starts with a lowercase letter and has only lowercase letters, digits and underscores (2–40)',
  },
  'origination.already_signed': { 'zh-CN': '合同已签署，不能重复签署', 'en-US': 'The contract is already signed' },
  'origination.step_not_pending': {
    'zh-CN': '该审批步骤当前不待审批',
    'en-US': 'This approval step is not waiting for a decision',
  },
  'origination.step_same_approver': {
    'zh-CN': '同一人不能审批同一申请的两个步骤',
    'en-US': 'One person cannot approve two steps of the same application',
  },
  'origination.step_position': {
    'zh-CN': '此步骤须由岗位 {position} 的人员审批',
    'en-US': 'This step must be approved by someone in position {position}',
  },
  'origination.disbursement_failed': {
    'zh-CN': '放款未成功，可稍后重试：{error}',
    'en-US': 'The disbursement did not go through; retry later: {error}',
  },
  'origination.upload.too_large': {
    'zh-CN': '文件过大（上限 {max} 字节）',
    'en-US': 'The file is too large (limit {max} bytes)',
  },
  'origination.upload.type': {
    'zh-CN': '只允许上传 JPEG、PNG 或 PDF 文件',
    'en-US': 'Only JPEG, PNG or PDF files are allowed',
  },
  'origination.upload.filename': {
    'zh-CN': '文件名不合法（不能包含路径或 ..）',
    'en-US': 'Invalid file name (no directories or ..)',
  },
  'origination.upload.metadata': { 'zh-CN': 'Upload-Metadata 格式错误', 'en-US': 'Malformed Upload-Metadata' },
  'origination.upload.length': {
    'zh-CN': '缺少或错误的 Upload-Length',
    'en-US': 'Missing or invalid Upload-Length',
  },
  'origination.upload.offset': {
    'zh-CN': 'Upload-Offset 与服务器已收到的字节数（{offset}）不一致',
    'en-US': 'Upload-Offset does not match the bytes received so far ({offset})',
  },
  'origination.upload.tus_version': { 'zh-CN': '仅支持 tus 1.0.0', 'en-US': 'Only tus 1.0.0 is supported' },
  'origination.upload.overflow': {
    'zh-CN': '上传的字节数超过了声明的 Upload-Length',
    'en-US': 'More bytes than the declared Upload-Length',
  },
  'origination.upload.kind': { 'zh-CN': '未知的材料类型', 'en-US': 'Unknown document kind' },
  'origination.reason.id_mismatch': {
    'zh-CN': '身份信息核验未通过（姓名与身份证号不一致）',
    'en-US': 'Identity check failed (name and ID number do not match)',
  },
  'origination.reason.card_mismatch': {
    'zh-CN': '银行卡核验未通过（卡号与本人身份不一致）',
    'en-US': 'Bank card check failed (the card is not in your name)',
  },
  'origination.reason.risk_rejected': {
    'zh-CN': '很抱歉，综合评估暂未通过，请 3 个月后再试',
    'en-US': 'Sorry, the overall assessment was not passed; please try again in 3 months',
  },
  'origination.reason.line_exceeded': {
    'zh-CN': '申请金额超过可用额度',
    'en-US': 'The amount exceeds your available credit line',
  },
  'origination.reason.approval_rejected': {
    'zh-CN': '审批未通过',
    'en-US': 'Not approved',
  },
  'review.field.reviewer_unknown': {
    'zh-CN': '审核员不存在或不属于本机构',
    'en-US': 'Unknown reviewer, or one of another institution',
  },
  'review.field.reviewer_offline': {
    'zh-CN': '审核员 {name} 不在线，只能分配给在线的审核员',
    'en-US': 'Reviewer {name} is offline; orders go only to online reviewers',
  },
  'review.field.reviewer_wrong_group': {
    'zh-CN': '审核员 {name} 不属于该订单池的审核组或岗位',
    'en-US': 'Reviewer {name} is not in the group or position of this pool',
  },
  'review.field.order_not_assignable': {
    'zh-CN': '订单 {appNo} 已处理完毕，不能再分配',
    'en-US': 'Order {appNo} is already processed and cannot be assigned',
  },
  'review.field.reject_reason_required': {
    'zh-CN': '拒绝时须从目录中选择拒绝原因',
    'en-US': 'Choose a reject reason from the catalog',
  },
  'review.field.reject_reason_unknown': { 'zh-CN': '未知的拒绝原因', 'en-US': 'Unknown reject reason' },
  'review.field.team_unknown': { 'zh-CN': '审核组不存在', 'en-US': 'Unknown review group' },
  'review.not_assignee': {
    'zh-CN': '该订单分配给了其他审核员，您不能处理',
    'en-US': 'This order is assigned to another reviewer',
  },
  'review.order_done': { 'zh-CN': '订单已处理完毕', 'en-US': 'The order is already processed' },
  'review.auto_off': {
    'zh-CN': '该订单池未开启自动分配',
    'en-US': 'Automatic assignment is switched off for this pool',
  },
  'review.qi_done': { 'zh-CN': '该质检已完成', 'en-US': 'This inspection is already done' },
})
